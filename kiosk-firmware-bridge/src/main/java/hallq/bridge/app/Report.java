package hallq.bridge.app;

/** What a device made of a job, to be told to the server. */
sealed interface Report {
  /** DONE, TIMED_OUT or EXPIRED. */
  record Outcome(String outcome) implements Report {}

  /** The citizen's key on the evaluation pad; {@code reason} is null unless the score is low and a reason was picked. */
  record Rating(int score, String reason) implements Report {}

  Report DONE = new Outcome("DONE");
}
