/**
 * Simulator: what runs inside the guests of a lab, seen from outside (seed 001): a SQL-like service
 * per VM with its states and event log, guest faults, a connection probe and a continuous ping, VM
 * heartbeat monitoring, a long-transaction load client, a guest cluster over iSCSI, Table 5-1's fault
 * locations with an injector, and seed 001's labs.
 */
package io.hyperv4j.scvmm.sim.guest;
