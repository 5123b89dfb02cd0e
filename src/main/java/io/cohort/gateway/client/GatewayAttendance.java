package io.cohort.gateway.client;

/**
 * One trainee's attendance of one session as TPGateway lists it: the trainee's id and id
 * type code (SP, SB, SO, FP, OT) and the status code (1 Confirmed, 2 Unconfirmed, 3
 * Rejected, 4 TP Voided).
 */
public record GatewayAttendance(String sessionId, String traineeId, String idTypeCode, String statusCode) {
}
