package dev.drover.it.badinput;

import static dev.drover.it.badinput.Field.of;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/** Generated invalid job and schedule definitions against every jobs route that takes one (Metronome's v1 API). */
class JobsBadInputTest {
  static final String SCHEDULE = "{\"id\": \"s\", \"cron\": \"0 0 1 1 *\", \"timezone\": \"UTC\", "
      + "\"startingDeadlineSeconds\": 900, \"concurrencyPolicy\": \"ALLOW\", \"enabled\": true}";
  static final String JOB = "{\"id\": \"gen\", \"description\": \"d\", \"labels\": {\"a\": \"b\"}, \"run\": "
      + "{\"cmd\": \"true\", \"cpus\": 0.1, \"mem\": 32, \"disk\": 0, \"env\": {\"A\": \"b\"}, \"maxLaunchDelay\": 3600, "
      + "\"restart\": {\"policy\": \"NEVER\", \"activeDeadlineSeconds\": 10}, \"activeDeadlineSeconds\": 60, "
      + "\"placement\": {\"constraints\": [{\"attribute\": \"hostname\", \"operator\": \"LIKE\", \"value\": \"a.*\"}]}}, "
      + "\"schedules\": [" + SCHEDULE + "], \"historyLimits\": {\"successful\": 10, \"failed\": 10}, "
      + "\"dependencies\": []}";
  static final List<Field> SCHEDULE_FIELDS = List.of(of("/id", Kind.ID), of("/cron", Kind.CRON),
      of("/timezone", Kind.ZONE), of("/startingDeadlineSeconds", Kind.NONNEG_INT),
      of("/concurrencyPolicy", Kind.ENUM), of("/enabled", Kind.BOOL));
  static final List<Field> JOB_FIELDS;
  static final Set<String> VOLATILE = Set.of("activeRuns", "history", "historySummary", "nextRunAt");

  static {
    List<Field> f = new ArrayList<>(List.of(of("/id", Kind.ID), of("/description", Kind.STR),
        of("/labels", Kind.STR_MAP), of("/run", Kind.OBJ), of("/run/cmd", Kind.STR), of("/run/cpus", Kind.JOB_CPUS),
        of("/run/mem", Kind.JOB_MEM), of("/run/disk", Kind.NONNEG_NUM), of("/run/env", Kind.STR_MAP),
        of("/run/maxLaunchDelay", Kind.NONNEG_INT), of("/run/restart/policy", Kind.ENUM),
        of("/run/restart/activeDeadlineSeconds", Kind.NONNEG_INT), of("/run/activeDeadlineSeconds", Kind.NONNEG_INT),
        of("/run/placement/constraints", Kind.JOB_CONSTRAINTS), of("/schedules", Kind.OBJ_ARR),
        of("/historyLimits/successful", Kind.HISTORY), of("/historyLimits/failed", Kind.HISTORY),
        of("/dependencies", Kind.OBJ_ARR)));
    SCHEDULE_FIELDS.forEach(s -> f.add(of("/schedules/0" + s.pointer(), s.kind())));
    JOB_FIELDS = List.copyOf(f);
  }

  private final BadEnv env = BadEnv.get();

  static String state(BadEnv env) {
    return Refusal.stable(env.jobs() + "/v1/jobs?embed=schedules", VOLATILE);
  }

  private void refused(String endpoint, String method, String path, Mutation m) {
    Refusal.check(endpoint, Http.Req.json(method, env.jobs() + path, m.body()), () -> state(env), m.fields());
  }

  @Provide
  Arbitrary<Mutation> job() {
    return Mutation.of(JOB, JOB_FIELDS, List.of(of("/id", Kind.ID), of("/run", Kind.OBJ),
        of("/run/cpus", Kind.JOB_CPUS), of("/run/mem", Kind.JOB_MEM), of("/schedules/0/cron", Kind.CRON)));
  }

  @Provide
  Arbitrary<Mutation> existingJob() {
    return Mutation.of(JOB.replace("\"gen\"", "\"keep\""), JOB_FIELDS.subList(1, JOB_FIELDS.size()),
        List.of(of("/run", Kind.OBJ), of("/run/cpus", Kind.JOB_CPUS)));
  }

  @Provide
  Arbitrary<Mutation> schedule() {
    return Mutation.of(SCHEDULE, SCHEDULE_FIELDS, List.of(of("/id", Kind.ID), of("/cron", Kind.CRON)));
  }

  @Provide
  Arbitrary<Mutation> existingSchedule() {
    return Mutation.of(SCHEDULE.replace("\"s\"", "\"yearly\""), SCHEDULE_FIELDS.subList(1, SCHEDULE_FIELDS.size()),
        List.of());
  }

  @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
  void postJobs(@ForAll("job") Mutation m) {
    refused("POST /v1/jobs", "POST", "/v1/jobs", m);
  }

  @Property(tries = 800, shrinking = ShrinkingMode.OFF)
  void putJob(@ForAll("existingJob") Mutation m) {
    refused("PUT /v1/jobs/{id}", "PUT", "/v1/jobs/keep", m);
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void postSchedule(@ForAll("schedule") Mutation m) {
    refused("POST /v1/jobs/{id}/schedules", "POST", "/v1/jobs/keep/schedules", m);
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void putSchedule(@ForAll("existingSchedule") Mutation m) {
    refused("PUT /v1/jobs/{id}/schedules/{sid}", "PUT", "/v1/jobs/keep/schedules/yearly", m);
  }
}
