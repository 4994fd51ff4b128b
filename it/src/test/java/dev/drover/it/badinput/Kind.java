package dev.drover.it.badinput;

import java.util.List;

/**
 * What a definition field holds, and JSON literals (raw text, so that {@code 1e400} or {@code NaN} can be sent)
 * that no reading of that field may accept: wrong types, out-of-range, overflowing and non-finite numbers.
 */
enum Kind {
  NONNEG_INT("-1", "-9223372036854775809", "9223372036854775808", "99999999999999999999999999", "1e400",
      "\"abc\"", "{}", "[]", "[1]", "true", "\"\"", "-0.5"),
  POS_INT("0", "-1", "9223372036854775808", "1e400", "\"abc\"", "{}", "[]", "true"),
  NONNEG_NUM("-1", "-0.001", "-1e308", "1e400", "-1e400", "\"abc\"", "\"NaN\"", "\"Infinity\"", "{}", "[]", "[0.5]",
      "true"),
  POS_NUM("0", "-1", "1e400", "-1e400", "\"abc\"", "\"NaN\"", "\"-Infinity\"", "{}", "[]", "false"),
  UNIT("1.5", "-0.1", "2", "1e400", "\"abc\"", "{}", "[]", "true"),
  AT_LEAST_ONE("0.5", "0", "-1", "1e400", "\"abc\"", "{}", "[]"),
  GPUS("1", "-1", "1e400", "\"abc\"", "{}"),
  PORT("-1", "65536", "9223372036854775808", "1e400", "\"abc\"", "{}", "[]"),
  JOB_CPUS("0", "0.001", "-1", "1e400", "\"abc\"", "{}", "[]", "true"),
  JOB_MEM("31", "0", "-1", "1e400", "\"abc\"", "{}", "[]"),
  HISTORY("1001", "-1", "9223372036854775808", "1e400", "\"abc\"", "{}"),
  STR("{}", "[]", "[\"a\"]", "{\"a\": 1}"),
  ID("\"\"", "\"UPPER\"", "\"a b\"", "\"-x\"", "\"x-\"", "\"a_b\"", "\"x..y\"", "\"a\\u0000b\"", "\"\\u00e9t\\u00e9\"",
      "{}", "[]"),
  ENUM("\"BOGUS\"", "\"\"", "\"\\u0000\"", "{}", "[]"),
  BOOL("\"maybe\"", "{}", "[]", "\"\""),
  STR_MAP("{\"k\": {}}", "{\"k\": [1]}", "[]", "\"x\"", "{\"k\": {\"secret\": \"s\"}}", "[{\"k\": \"v\"}]"),
  OBJ_ARR("\"x\"", "{}", "[1]", "[\"a\"]", "[[]]", "5", "true"),
  STR_ARR("\"x\"", "{}", "[{}]", "[[]]", "5", "[[\"a\"]]"),
  OBJ("\"x\"", "[]", "5", "true", "[{}]"),
  APP_CONSTRAINTS("[[\"hostname\"]]", "[[\"hostname\", \"BOGUS\"]]", "[\"x\"]", "[[1, 2]]", "{}",
      "[[\"hostname\", \"MAX_PER\", \"abc\"]]", "[[\"hostname\", \"LIKE\", \"[\"]]", "[[\"hostname\", \"MAX_PER\"]]",
      "[[\"hostname\", \"UNIQUE\", \"x\", \"hard\"]]", "[[]]"),
  JOB_CONSTRAINTS("[{\"attribute\": \"hostname\", \"operator\": \"BOGUS\"}]", "[{\"operator\": \"IS\"}]",
      "[{\"attribute\": \"hostname\", \"operator\": \"LIKE\", \"value\": \"[\"}]", "[\"x\"]", "{}", "[[]]",
      "[{\"attribute\": \"hostname\", \"operator\": \"MAX_PER\", \"value\": \"abc\"}]"),
  CONTAINER("\"x\"", "[]", "{\"type\": \"BOGUS\"}", "{\"type\": \"DOCKER\"}", "{\"type\": \"DOCKER\", \"docker\": "
      + "{\"image\": \"\"}}", "{\"type\": \"DOCKER\", \"docker\": {\"image\": \"busybox\", \"network\": \"WEIRD\"}}",
      "{\"docker\": {\"image\": \"busybox\", \"portMappings\": [{\"containerPort\": -1}]}}"),
  CRON("\"61 * * * *\"", "\"bogus\"", "\"\"", "\"* * * * * * * *\"", "\"R/2026-01-01T00:00:00Z/PT0S\"",
      "\"R/2026-01-01T00:00:00Z/-PT5S\"", "\"R-1/2026-01-01T00:00:00Z/PT5S\"", "\"R/not-a-date/PT5S\"",
      "\"R/2026-01-01T00:00:00Z/P0D\"", "\"R/2026-01-01T00:00:00Z/PT0.5S\"",
      "\"R/-999999999-01-01T00:00:00Z/P1D\"", "\"R+2/2026-01-01T00:00:00Z/PT5S\"", "\"*/0 * * * *\"", "{}", "[]", "5"),
  AGENT_ID("\"no-such-agent\"", "\"\"", "{}", "[]", "5", "null", "\"\\u0000\""),
  ZONE("\"Mars/Olympus\"", "\"\"", "\"+25:00\"", "{}", "[]", "\"\\u0000\"");

  final List<String> bad;

  Kind(String... bad) {
    this.bad = List.of(bad);
  }
}
