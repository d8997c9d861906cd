package dev.hunt4j.provider.elastic;

import dev.hunt4j.provider.elastic.RealNodeExtension.OnNode;

/** The TCK against a real Elasticsearch node. */
@OnNode(RealNode.Kind.ELASTICSEARCH)
class ElasticsearchContractIT extends NodeContractTests {
}
