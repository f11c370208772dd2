// Registers aws-sdk-client-mock-vitest's matchers (toReceiveCommandWith, …) for every unit test.
import 'aws-sdk-client-mock-vitest/extend';
