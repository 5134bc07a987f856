package io.mailgw.localstack.demo;

/**
 * The demo OAuth2 app, for the demo mailboxes that log in with it.
 *
 * @param tokenUri     the demo token endpoint
 * @param clientSecret stored encrypted in the mailboxes
 * @param address      the demo user that logs in with the demo token
 */
public record DemoOAuth2(String tokenUri, String clientId, String clientSecret, String address) {

    @Override
    public String toString() {
        return "DemoOAuth2[" + tokenUri + ", client " + clientId + ", " + address + "]";
    }
}
