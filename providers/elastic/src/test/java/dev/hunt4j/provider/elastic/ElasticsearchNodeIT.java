package dev.hunt4j.provider.elastic;

import dev.hunt4j.provider.elastic.RealNodeExtension.OnNode;

/** {@link NodeTests} against a real Elasticsearch node. */
@OnNode(RealNode.Kind.ELASTICSEARCH)
class ElasticsearchNodeIT extends NodeTests {
}
