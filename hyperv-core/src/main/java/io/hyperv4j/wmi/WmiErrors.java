package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps HRESULTs that WMI and DCOM return to {@link WmiException}s with the documented symbolic
 * name, the nearest {@link CimError}, what happened and what to do about it.
 * <p>WBEM_E_* values follow Microsoft's "WMI Error Constants" page (WbemCli.h); the RPC, DCOM and
 * Win32 codes are the HRESULT forms (0x8007xxxx = FACILITY_WIN32) of the documented error numbers.
 */
final class WmiErrors {

    /** One known HRESULT. {@code advice} may use {host}, {namespace}, {user} and {detail}. */
    public record Entry(long hresult, String symbol, CimError error, String meaning, String advice) {}

    /** Where a failure happened; never holds a password. */
    public record Context(String operation, String host, String namespace, String user, String detail) {
        public static Context of(String operation, String host, String namespace) {
            return new Context(operation, host, namespace, null, null);
        }

        public Context withDetail(String d) {
            return new Context(operation, host, namespace, user, d);
        }

        public Context withUser(String u) {
            return new Context(operation, host, namespace, u, detail);
        }
    }

    public static final long WBEM_S_NO_ERROR = 0;
    public static final long WBEM_S_FALSE = 1;
    public static final long WBEM_S_TIMEDOUT = 0x40004;
    public static final long WBEM_S_NO_MORE_DATA = 0x40005;
    public static final long RPC_E_TOO_LATE = 0x80010119L;
    public static final long RPC_E_CHANGED_MODE = 0x80010106L;

    private static final Map<Long, Entry> TABLE = new LinkedHashMap<>();

    private static final String RETRY = "Retry later; if it persists, check the Event Log (Applications and Services Logs > Microsoft > Windows > WMI-Activity) on {host}.";
    private static final String BUG = "This is a client-side programming error; please report it with the operation and detail shown.";
    private static final String LOST = "The connection to {host} was lost during the call: the operation may or may not have run. Reopen the session and check the object's state before retrying.";

    static {
        // --- WBEM_E_* (WMI Error Constants) ---
        wbem(0x80041001L, "FAILED", CimError.FAILED, "call failed", RETRY);
        wbem(0x80041002L, "NOT_FOUND", CimError.NOT_FOUND, "object cannot be found",
                "Check the path {detail}; a completed job is removed after its TimeBeforeRemoval, so read job results promptly.");
        wbem(0x80041003L, "ACCESS_DENIED", CimError.ACCESS_DENIED, "current user does not have permission to perform the action", "{access}");
        wbem(0x80041004L, "PROVIDER_FAILURE", CimError.PROVIDER_FAILURE, "provider has failed at some time other than during initialization", "{provider}");
        wbem(0x80041005L, "TYPE_MISMATCH", CimError.TYPE_MISMATCH, "type mismatch occurred", "Check the CIM types of the values passed: {detail}.");
        wbem(0x80041006L, "OUT_OF_MEMORY", CimError.OUT_OF_MEMORY, "not enough memory for the operation", "Free memory on {host} or reduce the size of the request.");
        wbem(0x80041007L, "INVALID_CONTEXT", CimError.INVALID_PARAMETER, "the IWbemContext object is not valid", BUG);
        wbem(0x80041008L, "INVALID_PARAMETER", CimError.INVALID_PARAMETER, "one of the parameters to the call is not correct", "Check the arguments: {detail}.");
        wbem(0x80041009L, "NOT_AVAILABLE", CimError.NOT_AVAILABLE, "resource, typically a remote server, is not currently available", RETRY);
        wbem(0x8004100AL, "CRITICAL_ERROR", CimError.FAILED, "internal, critical, and unexpected error occurred", "Restart the WMI service (winmgmt) on {host}; if it persists, run the WMI diagnosis tools.");
        wbem(0x8004100BL, "INVALID_STREAM", CimError.TRANSPORT_FAILURE, "one or more network packets were corrupted during a remote session", "Check the network path to {host} and retry.");
        wbem(0x8004100CL, "NOT_SUPPORTED", CimError.NOT_SUPPORTED, "feature or operation is not supported", "The provider on {host} does not support this operation ({detail}); check the Windows version it needs.");
        wbem(0x8004100DL, "INVALID_SUPERCLASS", CimError.INVALID_CLASS, "parent class specified is not valid", BUG);
        wbem(0x8004100EL, "INVALID_NAMESPACE", CimError.INVALID_NAMESPACE, "namespace specified cannot be found", "{namespace-advice}");
        wbem(0x8004100FL, "INVALID_OBJECT", CimError.INVALID_OBJECT, "specified instance is not valid", "Check the instance passed: {detail}.");
        wbem(0x80041010L, "INVALID_CLASS", CimError.INVALID_CLASS, "specified class is not valid",
                "The class does not exist in {namespace} on {host} ({detail}): check its spelling, or the Windows feature that provides it is not installed.");
        wbem(0x80041011L, "PROVIDER_NOT_FOUND", CimError.PROVIDER_FAILURE, "provider referenced in the schema does not have a corresponding registration", "{provider}");
        wbem(0x80041012L, "INVALID_PROVIDER_REGISTRATION", CimError.PROVIDER_FAILURE, "provider referenced in the schema has an incorrect or incomplete registration", "{provider}");
        wbem(0x80041013L, "PROVIDER_LOAD_FAILURE", CimError.PROVIDER_FAILURE, "COM cannot locate a provider referenced in the schema", "{provider}");
        wbem(0x80041014L, "INITIALIZATION_FAILURE", CimError.PROVIDER_FAILURE, "component, such as a provider, failed to initialize for internal reasons", "{provider}");
        wbem(0x80041015L, "TRANSPORT_FAILURE", CimError.TRANSPORT_FAILURE, "networking error that prevents normal operation has occurred", "Check the network path to {host} and retry.");
        wbem(0x80041016L, "INVALID_OPERATION", CimError.INVALID_OPERATION, "requested operation is not valid", "Check the operation: {detail}.");
        wbem(0x80041017L, "INVALID_QUERY", CimError.INVALID_QUERY, "query was not syntactically valid", "Check the WQL: {detail}.");
        wbem(0x80041018L, "INVALID_QUERY_TYPE", CimError.INVALID_QUERY_TYPE, "requested query language is not supported", "Use WQL.");
        wbem(0x80041019L, "ALREADY_EXISTS", CimError.ALREADY_EXISTS, "the instance already exists", "Use another name or key: {detail}.");
        wbem(0x8004101AL, "OVERRIDE_NOT_ALLOWED", CimError.INVALID_OPERATION, "the owning object does not permit overrides of this qualifier", BUG);
        wbem(0x8004101BL, "PROPAGATED_QUALIFIER", CimError.INVALID_OPERATION, "the qualifier was inherited from a parent class", BUG);
        wbem(0x8004101CL, "PROPAGATED_PROPERTY", CimError.INVALID_OPERATION, "the property was inherited from a parent class", BUG);
        wbem(0x8004101DL, "UNEXPECTED", CimError.FAILED, "client made an unexpected and illegal sequence of calls", BUG);
        wbem(0x8004101EL, "ILLEGAL_OPERATION", CimError.INVALID_OPERATION, "user requested an illegal operation", "Check the operation: {detail}.");
        wbem(0x8004101FL, "CANNOT_BE_KEY", CimError.INVALID_OPERATION, "illegal attempt to specify a key qualifier", BUG);
        wbem(0x80041020L, "INCOMPLETE_CLASS", CimError.INVALID_CLASS, "current object is not a valid class definition", BUG);
        wbem(0x80041021L, "INVALID_SYNTAX", CimError.INVALID_SYNTAX, "query is syntactically not valid", "Check the WQL: {detail}.");
        wbem(0x80041022L, "NONDECORATED_OBJECT", CimError.INVALID_OBJECT, "reserved for future use", BUG);
        wbem(0x80041023L, "READ_ONLY", CimError.INVALID_OPERATION, "an attempt was made to modify a read-only property", "Change the setting through the class's methods instead: {detail}.");
        wbem(0x80041024L, "PROVIDER_NOT_CAPABLE", CimError.NOT_SUPPORTED, "provider cannot perform the requested operation", "Simplify the query or use the class's methods: {detail}.");
        wbem(0x80041025L, "CLASS_HAS_CHILDREN", CimError.INVALID_OPERATION, "the change would invalidate a subclass", BUG);
        wbem(0x80041026L, "CLASS_HAS_INSTANCES", CimError.INVALID_OPERATION, "the class has instances", BUG);
        wbem(0x80041027L, "QUERY_NOT_IMPLEMENTED", CimError.NOT_SUPPORTED, "reserved for future use", "Use another form of the query: {detail}.");
        wbem(0x80041028L, "ILLEGAL_NULL", CimError.INVALID_PARAMETER, "a property that must have a value was null", "Give every key and required property a value: {detail}.");
        wbem(0x80041029L, "INVALID_QUALIFIER_TYPE", CimError.TYPE_MISMATCH, "qualifier value has an illegal type", BUG);
        wbem(0x8004102AL, "INVALID_PROPERTY_TYPE", CimError.TYPE_MISMATCH, "CIM type specified for a property is not valid", "Check the CIM types of the values passed: {detail}.");
        wbem(0x8004102BL, "VALUE_OUT_OF_RANGE", CimError.INVALID_PARAMETER, "value is out of range or incompatible with the type", "Check the values passed: {detail}.");
        wbem(0x8004102CL, "CANNOT_BE_SINGLETON", CimError.INVALID_OPERATION, "illegal attempt to make a class singleton", BUG);
        wbem(0x8004102DL, "INVALID_CIM_TYPE", CimError.TYPE_MISMATCH, "CIM type specified is not valid", "Check the CIM types of the values passed: {detail}.");
        wbem(0x8004102EL, "INVALID_METHOD", CimError.INVALID_METHOD, "requested method is not available", "Check the method name and that the target's class defines it: {detail}.");
        wbem(0x8004102FL, "INVALID_METHOD_PARAMETERS", CimError.INVALID_METHOD_PARAMETERS, "parameters provided for the method are not valid", "Check the parameter names and types against the method's documented signature: {detail}.");
        wbem(0x80041030L, "SYSTEM_PROPERTY", CimError.INVALID_PROPERTY, "attempt to get qualifiers on a system property", BUG);
        wbem(0x80041031L, "INVALID_PROPERTY", CimError.INVALID_PROPERTY, "property type is not recognized", "Check the property names: {detail}.");
        wbem(0x80041032L, "CALL_CANCELLED", CimError.CALL_CANCELLED, "the call was cancelled internally or by the user", "The operation may still have run on {host}; check the object's state.");
        wbem(0x80041033L, "SHUTTING_DOWN", CimError.SHUTTING_DOWN, "WMI is shutting down", "{host} or its WMI service is shutting down; reconnect once it is back.");
        wbem(0x80041034L, "PROPAGATED_METHOD", CimError.INVALID_METHOD, "method signature does not match the parent class", BUG);
        wbem(0x80041035L, "UNSUPPORTED_PARAMETER", CimError.INVALID_PARAMETER, "a parameter value is too complex or unsupported", "Retry with simpler parameters: {detail}.");
        wbem(0x80041036L, "MISSING_PARAMETER_ID", CimError.INVALID_METHOD_PARAMETERS, "parameter was missing from the method call", "Pass every required parameter: {detail}.");
        wbem(0x80041037L, "INVALID_PARAMETER_ID", CimError.INVALID_METHOD_PARAMETERS, "method parameter has an ID qualifier that is not valid", BUG);
        wbem(0x80041038L, "NONCONSECUTIVE_PARAMETER_IDS", CimError.INVALID_METHOD_PARAMETERS, "method parameter IDs are out of sequence", BUG);
        wbem(0x80041039L, "PARAMETER_ID_ON_RETVAL", CimError.INVALID_METHOD_PARAMETERS, "return value has an ID qualifier", BUG);
        wbem(0x8004103AL, "INVALID_OBJECT_PATH", CimError.INVALID_OBJECT_PATH, "specified object path was not valid", "Check the object path: {detail}.");
        wbem(0x8004103BL, "OUT_OF_DISK_SPACE", CimError.FAILED, "disk is out of space or the WMI repository reached its size limit", "Free disk space on {host}.");
        wbem(0x8004103CL, "BUFFER_TOO_SMALL", CimError.FAILED, "supplied buffer was too small", BUG);
        wbem(0x8004103DL, "UNSUPPORTED_PUT_EXTENSION", CimError.NOT_SUPPORTED, "provider does not support the requested put operation", "Use the class's methods to change it: {detail}.");
        wbem(0x8004103EL, "UNKNOWN_OBJECT_TYPE", CimError.TRANSPORT_FAILURE, "object with an incorrect type or version encountered during marshaling", "Check that client and {host} run compatible Windows versions.");
        wbem(0x8004103FL, "UNKNOWN_PACKET_TYPE", CimError.TRANSPORT_FAILURE, "packet with an incorrect type or version encountered during marshaling", "Check that client and {host} run compatible Windows versions.");
        wbem(0x80041040L, "MARSHAL_VERSION_MISMATCH", CimError.TRANSPORT_FAILURE, "packet has an unsupported version", "Check that client and {host} run compatible Windows versions.");
        wbem(0x80041041L, "MARSHAL_INVALID_SIGNATURE", CimError.TRANSPORT_FAILURE, "packet appears to be corrupt", "Check the network path to {host} and retry.");
        wbem(0x80041042L, "INVALID_QUALIFIER", CimError.INVALID_OPERATION, "attempt to mismatch qualifiers", BUG);
        wbem(0x80041043L, "INVALID_DUPLICATE_PARAMETER", CimError.INVALID_METHOD_PARAMETERS, "duplicate parameter declared in a CIM method", BUG);
        wbem(0x80041044L, "TOO_MUCH_DATA", CimError.FAILED, "reserved for future use", "Narrow the query: {detail}.");
        wbem(0x80041045L, "SERVER_TOO_BUSY", CimError.NOT_AVAILABLE, "event delivery failed; the provider can refire the event", RETRY);
        wbem(0x80041046L, "INVALID_FLAVOR", CimError.INVALID_OPERATION, "specified qualifier flavor was not valid", BUG);
        wbem(0x80041047L, "CIRCULAR_REFERENCE", CimError.INVALID_OPERATION, "attempt to create a circular reference", BUG);
        wbem(0x80041048L, "UNSUPPORTED_CLASS_UPDATE", CimError.NOT_SUPPORTED, "specified class is not supported", BUG);
        wbem(0x80041049L, "CANNOT_CHANGE_KEY_INHERITANCE", CimError.INVALID_OPERATION, "attempt to change a key in use", BUG);
        wbem(0x80041050L, "CANNOT_CHANGE_INDEX_INHERITANCE", CimError.INVALID_OPERATION, "attempt to change an index in use", BUG);
        wbem(0x80041051L, "TOO_MANY_PROPERTIES", CimError.INVALID_OPERATION, "too many properties for this version of the class", BUG);
        wbem(0x80041052L, "UPDATE_TYPE_MISMATCH", CimError.INVALID_OPERATION, "property redefined with a conflicting type in a derived class", BUG);
        wbem(0x80041053L, "UPDATE_OVERRIDE_NOT_ALLOWED", CimError.INVALID_OPERATION, "attempt to override a qualifier that cannot be overridden", BUG);
        wbem(0x80041054L, "UPDATE_PROPAGATED_METHOD", CimError.INVALID_OPERATION, "method re-declared with a conflicting signature", BUG);
        wbem(0x80041055L, "METHOD_NOT_IMPLEMENTED", CimError.NOT_SUPPORTED, "method is not implemented in any relevant class",
                "Invoke the method on an instance (or class) that implements it: {detail}.");
        // The documentation page gives no number for METHOD_DISABLED; 0x80041056 is its place in the sequence.
        wbem(0x80041056L, "METHOD_DISABLED", CimError.NOT_SUPPORTED, "method is marked [disabled]", "The method is disabled on {host}: {detail}.");
        wbem(0x80041057L, "REFRESHER_BUSY", CimError.NOT_AVAILABLE, "refresher is busy with another operation", RETRY);
        wbem(0x80041058L, "UNPARSABLE_QUERY", CimError.INVALID_QUERY, "filtering query is syntactically not valid", "Check the event query: {detail}.");
        wbem(0x80041059L, "NOT_EVENT_CLASS", CimError.INVALID_QUERY, "the FROM clause does not name an event class",
                "Subscribe to an event class such as __InstanceModificationEvent WITHIN n WHERE TargetInstance ISA '...': {detail}.");
        wbem(0x8004105AL, "MISSING_GROUP_WITHIN", CimError.INVALID_QUERY, "GROUP BY used without GROUP WITHIN", "Add GROUP WITHIN: {detail}.");
        wbem(0x8004105BL, "MISSING_AGGREGATION_LIST", CimError.INVALID_QUERY, "aggregation on all properties is not supported", "Name the properties to group by: {detail}.");
        wbem(0x8004105CL, "PROPERTY_NOT_AN_OBJECT", CimError.INVALID_QUERY, "dot notation used on a property that is not an embedded object", "Check the WQL: {detail}.");
        wbem(0x8004105DL, "AGGREGATING_BY_OBJECT", CimError.INVALID_QUERY, "GROUP BY references an embedded object without dot notation", "Check the WQL: {detail}.");
        wbem(0x8004105FL, "UNINTERPRETABLE_PROVIDER_QUERY", CimError.PROVIDER_FAILURE, "event provider registration names no classes", "{provider}");
        wbem(0x80041060L, "BACKUP_RESTORE_WINMGMT_RUNNING", CimError.NOT_AVAILABLE, "repository backup or restore requested while WMI is running", RETRY);
        wbem(0x80041061L, "QUEUE_OVERFLOW", CimError.FAILED, "asynchronous delivery queue overflowed because the consumer was too slow",
                "Handle events faster (do long work off the listener thread) or narrow the event query.");
        wbem(0x80041062L, "PRIVILEGE_NOT_HELD", CimError.ACCESS_DENIED, "the client does not hold the necessary security privilege",
                "Run as a user that holds the privilege this operation needs (e.g. an Administrator on {host}).");
        wbem(0x80041063L, "INVALID_OPERATOR", CimError.INVALID_QUERY, "operator is not valid for this property type", "Check the WQL: {detail}.");
        wbem(0x80041064L, "LOCAL_CREDENTIALS", CimError.INVALID_PARAMETER, "a user name, password or authority was given for a local connection",
                "Omit credentials when connecting to the local host; WMI uses the current identity.");
        wbem(0x80041065L, "CANNOT_BE_ABSTRACT", CimError.INVALID_OPERATION, "class cannot be made abstract", BUG);
        wbem(0x80041066L, "AMENDED_OBJECT", CimError.INVALID_OPERATION, "amended object written without WBEM_FLAG_USE_AMENDED_QUALIFIERS", BUG);
        wbem(0x80041067L, "CLIENT_TOO_SLOW", CimError.FAILED, "the client did not retrieve objects quickly enough", "Narrow the query or read results faster.");
        wbem(0x80041068L, "NULL_SECURITY_DESCRIPTOR", CimError.ACCESS_DENIED, "null security descriptor was used", BUG);
        wbem(0x80041069L, "TIMED_OUT", CimError.TIMED_OUT, "operation timed out", "Raise the session timeout or narrow the request; {host} may be overloaded.");
        wbem(0x8004106AL, "INVALID_ASSOCIATION", CimError.INVALID_QUERY, "association is not valid", "Check the association class and roles: {detail}.");
        wbem(0x8004106BL, "AMBIGUOUS_OPERATION", CimError.INVALID_OPERATION, "operation was ambiguous", "Make the request specific: {detail}.");
        wbem(0x8004106CL, "QUOTA_VIOLATION", CimError.OUT_OF_MEMORY, "WMI is taking up too much memory",
                "WMI provider host quotas are exhausted on {host}; close unused sessions and subscriptions, or restart winmgmt.");
        wbem(0x8004106DL, "TRANSACTION_CONFLICT", CimError.FAILED, "operation resulted in a transaction conflict", RETRY);
        wbem(0x8004106EL, "FORCED_ROLLBACK", CimError.FAILED, "transaction forced a rollback", RETRY);
        wbem(0x8004106FL, "UNSUPPORTED_LOCALE", CimError.INVALID_PARAMETER, "locale used in the call is not supported", "Use another locale.");
        wbem(0x80041070L, "HANDLE_OUT_OF_DATE", CimError.FAILED, "object handle is out of date", "Read the object again and retry.");
        wbem(0x80041071L, "CONNECTION_FAILED", CimError.TRANSPORT_FAILURE, "connection to the SQL database failed", RETRY);
        wbem(0x80041072L, "INVALID_HANDLE_REQUEST", CimError.INVALID_PARAMETER, "handle request was not valid", BUG);
        wbem(0x80041073L, "PROPERTY_NAME_TOO_WIDE", CimError.INVALID_PARAMETER, "property name longer than 255 characters", "Check the names: {detail}.");
        wbem(0x80041074L, "CLASS_NAME_TOO_WIDE", CimError.INVALID_PARAMETER, "class name longer than 255 characters", "Check the names: {detail}.");
        wbem(0x80041075L, "METHOD_NAME_TOO_WIDE", CimError.INVALID_PARAMETER, "method name longer than 255 characters", "Check the names: {detail}.");
        wbem(0x80041076L, "QUALIFIER_NAME_TOO_WIDE", CimError.INVALID_PARAMETER, "qualifier name longer than 255 characters", "Check the names: {detail}.");
        wbem(0x80041077L, "RERUN_COMMAND", CimError.FAILED, "the SQL command must be rerun", RETRY);
        wbem(0x80041078L, "DATABASE_VER_MISMATCH", CimError.FAILED, "repository database version mismatch", RETRY);
        wbem(0x80041079L, "VETO_DELETE", CimError.NOT_SUPPORTED, "the provider does not allow the delete", "Use the class's methods to remove it: {detail}.");
        wbem(0x8004107AL, "VETO_PUT", CimError.NOT_SUPPORTED, "the provider does not allow the put", "Use the class's methods to change it: {detail}.");
        wbem(0x80041080L, "INVALID_LOCALE", CimError.INVALID_PARAMETER, "locale identifier not valid for the operation", "Use another locale.");
        wbem(0x80041081L, "PROVIDER_SUSPENDED", CimError.NOT_AVAILABLE, "provider is suspended", RETRY);
        wbem(0x80041082L, "SYNCHRONIZATION_REQUIRED", CimError.INVALID_OPERATION, "object must be written and read again first", "Read the object again and retry.");
        wbem(0x80041083L, "NO_SCHEMA", CimError.INVALID_CLASS, "no schema is available", "{provider}");
        // The documentation page prints 0x119FD010 here, a typo: its decimal value 2147750020 is 0x80041084.
        wbem(0x80041084L, "PROVIDER_ALREADY_REGISTERED", CimError.ALREADY_EXISTS, "provider already registered", BUG);
        wbem(0x80041085L, "PROVIDER_NOT_REGISTERED", CimError.PROVIDER_FAILURE, "provider was not registered", "{provider}");
        wbem(0x80041086L, "FATAL_TRANSPORT_ERROR", CimError.TRANSPORT_FAILURE, "a fatal transport error occurred", "Check the network path to {host} and reconnect.");
        wbem(0x80041087L, "ENCRYPTED_CONNECTION_REQUIRED", CimError.ACCESS_DENIED, "an encrypted connection is required",
                "The session asks for packet privacy; check that {host} accepts encrypted DCOM (RPC_C_AUTHN_LEVEL_PKT_PRIVACY).");
        wbem(0x80041088L, "PROVIDER_TIMED_OUT", CimError.TIMED_OUT, "a provider failed to report results within the timeout", "{provider}");
        wbem(0x80041089L, "NO_KEY", CimError.INVALID_OBJECT, "instance has no defined key", "Give the instance its key properties: {detail}.");
        wbem(0x8004108AL, "PROVIDER_DISABLED", CimError.PROVIDER_FAILURE, "provider COM server was unloaded", "{provider}");
        entry(0x80042001L, "WBEMESS_E_REGISTRATION_TOO_BROAD", CimError.INVALID_QUERY, "provider registration overlaps with the system event domain", BUG);
        entry(0x80042002L, "WBEMESS_E_REGISTRATION_TOO_PRECISE", CimError.INVALID_QUERY, "a WITHIN clause was not used in this query",
                "Add a polling interval to the event query, e.g. ... WITHIN 2 WHERE TargetInstance ISA '...': {detail}.");
        entry(0x80042003L, "WBEMESS_E_AUTHZ_NOT_PRIVILEGED", CimError.ACCESS_DENIED, "this computer lacks the domain permissions the subscription needs",
                "Ask the domain administrator to add the computer to the Windows Authorization Access Group.");
        wbem(0x80043001L, "RETRY_LATER", CimError.NOT_AVAILABLE, "reserved for future use", RETRY);
        wbem(0x80043002L, "RESOURCE_CONTENTION", CimError.NOT_AVAILABLE, "reserved for future use", RETRY);

        // --- COM, RPC and Win32 (as HRESULTs) ---
        entry(0x80070005L, "E_ACCESSDENIED", CimError.ACCESS_DENIED, "access is denied", "{access}");
        entry(0x8007000EL, "E_OUTOFMEMORY", CimError.OUT_OF_MEMORY, "out of memory", "Free memory in this process or on {host}.");
        entry(0x80070057L, "E_INVALIDARG", CimError.INVALID_PARAMETER, "an argument is not valid", "Check the arguments: {detail}.");
        entry(0x80004001L, "E_NOTIMPL", CimError.NOT_SUPPORTED, "not implemented", "The provider on {host} does not implement this operation: {detail}.");
        entry(0x80004002L, "E_NOINTERFACE", CimError.FAILED, "no such interface supported", BUG);
        entry(0x80004003L, "E_POINTER", CimError.INVALID_PARAMETER, "invalid pointer", BUG);
        entry(0x80004005L, "E_FAIL", CimError.FAILED, "unspecified failure", RETRY);
        entry(0x8000FFFFL, "E_UNEXPECTED", CimError.FAILED, "catastrophic failure", RETRY);
        entry(0x80040154L, "REGDB_E_CLASSNOTREG", CimError.FAILED, "class not registered",
                "WMI's COM classes are not registered on this machine; repair the WMI installation.");
        entry(0x800401F0L, "CO_E_NOTINITIALIZED", CimError.FAILED, "CoInitialize has not been called", BUG);
        entry(0x80080005L, "CO_E_SERVER_EXEC_FAILURE", CimError.NOT_AVAILABLE, "server execution failed",
                "The WMI service (winmgmt) could not start on {host}; check that it is enabled and running.");
        entry(0x80010001L, "RPC_E_CALL_REJECTED", CimError.NOT_AVAILABLE, "call was rejected by callee", RETRY);
        entry(0x80010007L, "RPC_E_SERVER_DIED", CimError.TRANSPORT_FAILURE, "the server died or disconnected", LOST);
        entry(0x80010105L, "RPC_E_SERVERFAULT", CimError.PROVIDER_FAILURE, "the server threw an exception", "{provider}");
        entry(RPC_E_CHANGED_MODE, "RPC_E_CHANGED_MODE", CimError.FAILED, "cannot change thread mode after it is set", BUG);
        entry(0x80010108L, "RPC_E_DISCONNECTED", CimError.TRANSPORT_FAILURE, "the object invoked has disconnected from its clients", LOST);
        entry(RPC_E_TOO_LATE, "RPC_E_TOO_LATE", CimError.FAILED, "CoInitializeSecurity was already called", BUG);
        entry(0x8001011FL, "RPC_E_TIMEOUT", CimError.TIMED_OUT, "the RPC call timed out", "{host} did not answer in time; check its load and the network, then retry.");
        entry(0x80070046L, "ERROR_SHARING_PAUSED", CimError.NOT_AVAILABLE, "the remote server has been paused or is in the process of being started",
                "The provider is still starting (typical for root\\MSCluster right after a reboot); retry in a few seconds.");
        entry(0x80070035L, "ERROR_BAD_NETPATH", CimError.TRANSPORT_FAILURE, "the network path was not found",
                "Check that the name {host} resolves and the host is reachable.");
        entry(0x800705B4L, "ERROR_TIMEOUT", CimError.TIMED_OUT, "the operation returned because the timeout period expired", "Retry, or raise the session timeout.");
        entry(0x8007052EL, "ERROR_LOGON_FAILURE", CimError.ACCESS_DENIED, "unknown user name or bad password",
                "{host} rejected the user name or password for {user}; check them and the domain (or authority).");
        entry(0x80070532L, "ERROR_PASSWORD_EXPIRED", CimError.ACCESS_DENIED, "the password of this account has expired", "Change the password of {user}, then reconnect.");
        entry(0x80070533L, "ERROR_ACCOUNT_DISABLED", CimError.ACCESS_DENIED, "the account is disabled", "Enable {user} or use another account.");
        entry(0x80070775L, "ERROR_ACCOUNT_LOCKED_OUT", CimError.ACCESS_DENIED, "the account is locked out", "Unlock {user} or wait for the lockout to expire.");
        entry(0x800706BAL, "RPC_S_SERVER_UNAVAILABLE", CimError.TRANSPORT_FAILURE, "the RPC server is unavailable",
                "{host} is unreachable over DCOM: check that the name resolves, the host is up, and its firewall allows "
                        + "'Windows Management Instrumentation (DCOM-In)' (TCP 135 and the dynamic RPC ports).");
        entry(0x800706BBL, "RPC_S_SERVER_TOO_BUSY", CimError.NOT_AVAILABLE, "the RPC server is too busy to complete this operation", RETRY);
        entry(0x800706BEL, "RPC_S_CALL_FAILED", CimError.TRANSPORT_FAILURE, "the remote procedure call failed", LOST);
        entry(0x800706BFL, "RPC_S_CALL_FAILED_DNE", CimError.TRANSPORT_FAILURE, "the remote procedure call failed and did not execute",
                "The call did not run on {host}; it is safe to retry once the connection is back.");
        entry(0x800706D9L, "EPT_S_NOT_REGISTERED", CimError.NOT_AVAILABLE, "there are no more endpoints available from the endpoint mapper",
                "The WMI or cluster service on {host} is not (yet) listening; retry in a few seconds and check the service is running.");
        entry(0x80070721L, "RPC_S_SEC_PKG_ERROR", CimError.ACCESS_DENIED, "a security package specific error occurred",
                "Authentication with {host} failed: check the domain trust and the clocks, or pass an explicit authority (ntlmdomain:DOMAIN or kerberos:DOMAIN\\HOST).");
        entry(0x800706D3L, "RPC_S_UNKNOWN_AUTHN_SERVICE", CimError.ACCESS_DENIED, "the authentication service is unknown",
                "Pass an explicit authority (ntlmdomain:DOMAIN) or a domain in the credentials.");
    }

    private WmiErrors() {}

    private static void wbem(long h, String name, CimError e, String meaning, String advice) {
        entry(h, "WBEM_E_" + name, e, meaning, advice);
    }

    private static void entry(long h, String symbol, CimError e, String meaning, String advice) {
        Entry prev = TABLE.put(h, new Entry(h, symbol, e, meaning, advice));
        if (prev != null) throw new IllegalStateException("duplicate HRESULT " + hex(h) + ": " + prev.symbol() + ", " + symbol);
    }

    /** Every known entry, in table order. */
    public static Collection<Entry> entries() {
        return Collections.unmodifiableCollection(TABLE.values());
    }

    /** The entry for {@code hresult}, or null when it is not in the table. */
    public static Entry lookup(long hresult) {
        return TABLE.get(hresult & 0xFFFFFFFFL);
    }

    /** Whether an HRESULT reports failure (severity bit set). */
    public static boolean failed(long hresult) {
        return (hresult & 0x80000000L) != 0;
    }

    /** The symbolic name, or {@code HRESULT 0x...} (with the Win32 error number for FACILITY_WIN32). */
    public static String symbol(long hresult) {
        Entry e = lookup(hresult);
        if (e != null) return e.symbol();
        long h = hresult & 0xFFFFFFFFL;
        if ((h & 0xFFFF0000L) == 0x80070000L) return "HRESULT " + hex(h) + " (Win32 error " + (h & 0xFFFF) + ")";
        return "HRESULT " + hex(h);
    }

    public static String hex(long hresult) {
        return String.format(Locale.ROOT, "0x%08X", hresult & 0xFFFFFFFFL);
    }

    /** Builds the exception for a failed call; never includes a password (the context cannot hold one). */
    public static WmiException exception(long hresult, Context ctx) {
        return exception(hresult, ctx, null);
    }

    /**
     * As {@link #exception(long, Context)}, quoting what the provider said (the Description of WMI's
     * __ExtendedStatus error object) when it said something.
     */
    public static WmiException exception(long hresult, Context ctx, String providerMessage) {
        long h = hresult & 0xFFFFFFFFL;
        Entry e = lookup(h);
        CimError error = e == null ? CimError.FAILED : e.error();
        String symbol = symbol(h);
        StringBuilder m = new StringBuilder();
        m.append(ctx.operation() == null ? "WMI call" : ctx.operation());
        if (ctx.namespace() != null) m.append(" in ").append(ctx.namespace());
        if (ctx.host() != null) m.append(" on ").append(ctx.host());
        m.append(" failed: ");
        if (!symbol.equals(error.symbol())) m.append(symbol).append(' ');
        m.append('(').append(hex(h)).append(')');
        if (providerMessage != null && !providerMessage.isBlank()) m.append(" \"").append(providerMessage.strip()).append('"');
        if (e != null) {
            m.append(' ').append(e.meaning()).append(". ").append(expand(e.advice(), ctx));
        } else if ((h & 0xFFFF0000L) == 0x80070000L) {
            m.append(". Run 'net helpmsg ").append(h & 0xFFFF).append("' for the Windows description.");
        } else {
            m.append(". Unknown to this SDK; search Microsoft's documentation for the code.");
        }
        return new WmiException(error, h, symbol, m.toString());
    }

    static String expand(String advice, Context ctx) {
        String host = ctx.host() == null ? "the host" : ctx.host();
        String ns = ctx.namespace() == null ? "the namespace" : ctx.namespace();
        String a = advice.replace("{access}", accessAdvice(ctx))
                .replace("{provider}", providerAdvice(ctx))
                .replace("{namespace-advice}", namespaceAdvice(ctx));
        return a.replace("{host}", host).replace("{namespace}", ns)
                .replace("{user}", ctx.user() == null ? "the current user" : ctx.user())
                .replace("{detail}", ctx.detail() == null ? "see the call above" : ctx.detail());
    }

    private static String nsKey(Context ctx) {
        return ctx.namespace() == null ? "" : ctx.namespace().toLowerCase(Locale.ROOT).replace('/', '\\');
    }

    private static String accessAdvice(Context ctx) {
        String ns = nsKey(ctx);
        String group;
        if (ns.startsWith("root\\virtualization")) {
            group = "{user} needs to be a member of 'Hyper-V Administrators' (or Administrators) on {host}";
        } else if (ns.startsWith("root\\mscluster")) {
            group = "{user} needs full access to the cluster (Grant-ClusterAccess -Full, or Administrators on every node)";
        } else {
            group = "{user} needs to be a member of Administrators on {host}, or be granted the right on {namespace}";
        }
        return group + ". Remotely the account also needs 'Enable Account' and 'Remote Enable' on {namespace} "
                + "(WMI Control > Security) and DCOM remote launch and activation ('Distributed COM Users'); "
                + "UAC strips administrator rights from local accounts over the network, so use a domain account "
                + "(or set LocalAccountTokenFilterPolicy).";
    }

    private static String providerAdvice(Context ctx) {
        String ns = nsKey(ctx);
        if (ns.startsWith("root\\virtualization"))
            return "The Hyper-V WMI provider failed: check that the 'Hyper-V Virtual Machine Management' service (vmms) runs on {host}, then retry.";
        if (ns.startsWith("root\\mscluster"))
            return "The cluster WMI provider failed: check that the Cluster service runs on {host}; right after a reboot it needs a moment, so retry.";
        return "The WMI provider for {namespace} failed on {host}; check its service and the WMI-Activity event log, then retry.";
    }

    private static String namespaceAdvice(Context ctx) {
        String ns = nsKey(ctx);
        if (ns.equals("root\\virtualization\\v2"))
            return "The Hyper-V role is not installed on {host} (root\\virtualization\\v2 exists from Windows Server 2012 and Windows 8 with Hyper-V enabled).";
        if (ns.startsWith("root\\virtualization"))
            return "The Hyper-V role is not installed on {host}, or the namespace is misspelled (use root\\virtualization\\v2).";
        if (ns.equals("root\\mscluster"))
            return "The Failover Clustering feature is not installed on {host}, or {host} is not a cluster node.";
        if (ns.equals("root\\microsoft\\windows\\storage"))
            return "The Storage Management API is not available on {host} (it needs Windows Server 2012 / Windows 8 or later).";
        return "{namespace} does not exist on {host}; check its spelling.";
    }
}
