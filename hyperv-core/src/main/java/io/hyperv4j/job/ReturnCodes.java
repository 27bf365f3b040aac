package io.hyperv4j.job;

import io.hyperv4j.vm.VmState;
import io.hyperv4j.AccessDeniedException;
import io.hyperv4j.BusyException;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.NotSupportedException;
import java.util.Map;

/**
 * The documented meaning of Hyper-V method return values, and the typed exception for each.
 * Three tables exist and their small numbers disagree (4 is "Invalid Parameter" for DefineSystem
 * but "Failed" for CIM_ConcreteJob.RequestStateChange), so a code is always read in its
 * {@link Family}. Values of 32768 and above are read in the Msvm table whatever the family:
 * the CIM-style pages call that range "Vendor Specific", and Hyper-V fills it with the Msvm codes.
 */
public final class ReturnCodes {
    private ReturnCodes() {}

    public static final long COMPLETED = 0;
    public static final long JOB_STARTED = 4096;
    /** Msvm's 32779 "File not found": a refusal naming a file, typed as {@link MethodFailedException}. */
    public static final long FILE_NOT_FOUND = 32779;

    /** Which table a method's ReturnValue is documented in. */
    public enum Family {
        /**
         * DefineSystem, DestroySystem, ModifyResourceSettings, ModifySystemSettings, CreateSnapshot...:
         * 0 OK, 1 Not Supported, 2 Failed, 3 Timeout, 4 Invalid Parameter, 5 Invalid State,
         * 6 Incompatible Parameters (MSDOCS HyperV_v2 modifyresourcesettings page).
         */
        CIM_METHOD,
        /**
         * Msvm_ComputerSystem.RequestStateChange, Msvm_ShutdownComponent.InitiateShutdown,
         * migration: 0, 4096, 32768 Failed .. 32778 Out of memory, 32779..32782 (InitiateShutdown).
         */
        MSVM,
        /**
         * CIM_ConcreteJob.RequestStateChange: 0, 1 Not Supported, 2 Unknown/Unspecified Error,
         * 3 Can NOT complete within Timeout Period, 4 Failed, 5 Invalid Parameter, 6 In Use,
         * 4096, 4097 Invalid State Transition, 4098 Use of Timeout Parameter Not Supported, 4099 Busy.
         */
        JOB_STATE_CHANGE
    }

    private static final Map<Long, String> CIM_METHOD = Map.of(
            0L, "Completed with No Error", 1L, "Not Supported", 2L, "Failed", 3L, "Timeout",
            4L, "Invalid Parameter", 5L, "Invalid State", 6L, "Incompatible Parameters",
            4096L, "Method Parameters Checked - Job Started");

    private static final Map<Long, String> MSVM = Map.ofEntries(
            Map.entry(0L, "Completed with No Error"),
            Map.entry(4096L, "Method Parameters Checked - Job Started"),
            Map.entry(32768L, "Failed"), Map.entry(32769L, "Access Denied"), Map.entry(32770L, "Not Supported"),
            Map.entry(32771L, "Status is unknown"), Map.entry(32772L, "Timeout"),
            Map.entry(32773L, "Invalid parameter"), Map.entry(32774L, "System is in use"),
            Map.entry(32775L, "Invalid state for this operation"), Map.entry(32776L, "Incorrect data type"),
            Map.entry(32777L, "System is not available"), Map.entry(32778L, "Out of memory"),
            Map.entry(32779L, "File not found"), Map.entry(32780L, "The system is not ready"),
            Map.entry(32781L, "The machine is locked and cannot be shut down without the force option"),
            Map.entry(32782L, "A system shutdown is in progress"));

    private static final Map<Long, String> JOB_STATE_CHANGE = Map.of(
            0L, "Completed with No Error", 1L, "Not Supported", 2L, "Unknown/Unspecified Error",
            3L, "Can NOT complete within Timeout Period", 4L, "Failed", 5L, "Invalid Parameter", 6L, "In Use",
            4096L, "Method Parameters Checked - Transition Started", 4097L, "Invalid State Transition",
            4098L, "Use of Timeout Parameter Not Supported");

    /** The documented name of {@code code} in {@code family}, or a description of its reserved range. */
    public static String name(Family family, long code) {
        if (code >= 32768) return MSVM.getOrDefault(code, "Vendor Specific");
        if (family == Family.JOB_STATE_CHANGE && code == 4099) return "Busy";
        String n = switch (family) {
            case CIM_METHOD -> CIM_METHOD.get(code);
            case MSVM -> MSVM.get(code);
            case JOB_STATE_CHANGE -> JOB_STATE_CHANGE.get(code);
        };
        if (n != null) return n;
        return code > 4096 ? "Method Reserved" : "DMTF Reserved";
    }

    /**
     * The typed exception for a refusal. {@code attempted} says what was tried on what, e.g.
     * "pause VM 'web01' (4F1D...)"; {@code currentState} goes into an invalid-state exception.
     */
    public static MethodFailedException toException(Family family, long code, String attempted, VmState currentState) {
        String name = name(family, code);
        String msg = "Cannot " + attempted + ": Hyper-V returned " + code + " (" + name + ")"
                + (currentState != null && kind(family, code) == Kind.INVALID_STATE ? "; current state is " + currentState : "");
        return switch (kind(family, code)) {
            case INVALID_STATE -> new InvalidStateException(msg, code, name, currentState);
            case BUSY -> new BusyException(msg, code, name);
            case ACCESS_DENIED -> new AccessDeniedException(msg, code, name);
            case INVALID_PARAMETER -> new InvalidParameterException(msg, code, name);
            case NOT_SUPPORTED -> new NotSupportedException(msg, code, name);
            case OTHER -> new MethodFailedException(msg, code, name);
        };
    }

    /**
     * The typed exception for a refusal the host reported through a failed job: the same type the
     * return code gives, with the job's reason in the message and the job failure as its cause
     * (so {@link io.hyperv4j.HyperVException#hostMessage()} gives the reason). Null when the job's
     * ErrorCode is no refusal (32768 Failed, 32778 Out of memory, ...): the job failure stands.
     */
    public static MethodFailedException fromJobFailure(io.hyperv4j.JobFailedException failure, String attempted) {
        long code = failure.errorCode();
        Kind kind = kind(Family.MSVM, code);
        if (kind == Kind.OTHER && code != FILE_NOT_FOUND) return null;
        String name = name(Family.MSVM, code);
        String msg = "Cannot " + attempted + ": " + failure.hostMessage().orElse(name) + " (Hyper-V " + code + " " + name + ")";
        return switch (kind) {
            case INVALID_STATE -> new InvalidStateException(msg, code, name, null, failure);
            case BUSY -> new BusyException(msg, code, name, failure);
            case ACCESS_DENIED -> new AccessDeniedException(msg, code, name, failure);
            case INVALID_PARAMETER -> new InvalidParameterException(msg, code, name, failure);
            case NOT_SUPPORTED -> new NotSupportedException(msg, code, name, failure);
            case OTHER -> new MethodFailedException(msg, code, name, failure);
        };
    }

    /** True when {@code code} means "invalid state" in {@code family}. */
    public static boolean isInvalidState(Family family, long code) {
        return kind(family, code) == Kind.INVALID_STATE;
    }

    private enum Kind { INVALID_STATE, BUSY, ACCESS_DENIED, INVALID_PARAMETER, NOT_SUPPORTED, OTHER }

    private static Kind kind(Family family, long code) {
        if (code >= 32768) {
            return switch ((int) code) {
                case 32769 -> Kind.ACCESS_DENIED;
                case 32770 -> Kind.NOT_SUPPORTED;
                case 32773, 32776 -> Kind.INVALID_PARAMETER;
                case 32774, 32782 -> Kind.BUSY;
                case 32775 -> Kind.INVALID_STATE;
                default -> Kind.OTHER;
            };
        }
        return switch (family) {
            case CIM_METHOD -> switch ((int) code) {
                case 1 -> Kind.NOT_SUPPORTED;
                case 4, 6 -> Kind.INVALID_PARAMETER;
                case 5 -> Kind.INVALID_STATE;
                default -> Kind.OTHER;
            };
            case MSVM -> Kind.OTHER;
            case JOB_STATE_CHANGE -> switch ((int) code) {
                case 1, 4098 -> Kind.NOT_SUPPORTED;
                case 5 -> Kind.INVALID_PARAMETER;
                case 6, 4099 -> Kind.BUSY;
                case 4097 -> Kind.INVALID_STATE;
                default -> Kind.OTHER;
            };
        };
    }
}
