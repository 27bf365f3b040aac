package io.hyperv4j.sim;

/**
 * Carries out what a job of one operation does to the model when it completes, or undoes what
 * starting it did when a client cancels it. Called with the lab lock held; touch what you change.
 */
public interface JobHandler {

    /**
     * Applies the operation's result. To fail the job instead, call {@link Jobs#fail}.
     *
     * @param txn the change under way
     * @param job the job that reached its end
     */
    void complete(Txn txn, SimJob job);

    /**
     * Returns the model to where it was before the job (the job is being terminated or killed).
     *
     * @param txn the change under way
     * @param job the job being stopped
     */
    void cancelled(Txn txn, SimJob job);
}
