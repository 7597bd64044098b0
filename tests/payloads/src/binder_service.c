/*
 * Serves the ICalc service of binder_calc.h on vsock port 5680 with AVmPayload_runVsockRpcServer, as a payload
 * offering an AIDL service to its app does. on_ready notifies the host that the payload is ready.
 */
#include <stdio.h>
#include "binder_calc.h"

#define CALC_PORT 5680

static void on_ready(void* param) {
    printf("binder_service: serving %s on vsock port %d\n", (const char*)param, CALC_PORT);
    AVmPayload_notifyPayloadReady();
}

int AVmPayload_main(void) {
    AIBinder* service = AIBinder_new(calc_class(), NULL);
    AVmPayload_runVsockRpcServer(service, CALC_PORT, on_ready, (void*)CALC_DESCRIPTOR);
}
