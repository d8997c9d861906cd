package dev.hunt4j.provider.elastic;

import dev.hunt4j.provider.elastic.RealNodeExtension.OnNode;

/** The TCK against a real OpenSearch node. */
@OnNode(RealNode.Kind.OPENSEARCH)
class OpenSearchContractIT extends NodeContractTests {
}
