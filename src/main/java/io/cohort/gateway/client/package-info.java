/**
 * The TPGateway client: the transport (encryption, auth, mutual TLS, URLs, correlation
 * header, error envelopes) and one mapping per endpoint between wire JSON and the records
 * the gateway's jobs send and read.
 */
@NullMarked
package io.cohort.gateway.client;

import org.jspecify.annotations.NullMarked;
