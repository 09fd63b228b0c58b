package io.quiver.adapter.out.storage.payloadindex;

import io.quiver.application.port.out.PayloadIndexContract;
import io.quiver.application.port.out.PayloadIndexPort;

class InMemoryPayloadIndexPortTest extends PayloadIndexContract {

    @Override
    protected PayloadIndexPort port() {
        return new InMemoryPayloadIndexPort();
    }
}
