package dev.hunt4j.provider.elastic;

import dev.hunt4j.provider.elastic.RealNodeExtension.OnNode;

/** {@link NodeTests} against a real OpenSearch node. */
@OnNode(RealNode.Kind.OPENSEARCH)
class OpenSearchNodeIT extends NodeTests {
}
