package dev.hunt4j.provider.defender;

/** The TCK against the loopback Defender for Endpoint API (no time parameter: the range is applied to the rows). */
class DefenderMdeContractTest extends DefenderGraphContractTest {
    @Override
    protected String api() {
        return "mde";
    }
}
