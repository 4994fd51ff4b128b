package dev.drover.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobJsonTest {
  private static JobSpec parse(String json) throws Exception {
    return JobJson.parseJob(JobJson.MAPPER.readTree(json.replace('\'', '"')));
  }

  @Test
  void readsAMetronomeJobWithDefaults() throws Exception {
    JobSpec j = parse("{'id':'prod.backup','description':'d','labels':{'team':'x'},'run':{'cmd':'echo hi',"
        + "'cpus':0.5,'mem':64,'env':{'A':'1'},'placement':{'constraints':[{'attribute':'hostname',"
        + "'operator':'LIKE','value':'h.*'}]},'artifacts':[{'uri':'http://x'}],'restart':{'policy':'ON_FAILURE'}},"
        + "'schedules':[{'id':'nightly','cron':'0 2 * * *'}]}");
    assertEquals("prod.backup", j.id());
    assertEquals(0, j.run().disk());
    assertTrue(j.run().artifactsIgnored());
    ScheduleSpec s = j.schedules().get(0);
    assertEquals("UTC", s.timezone());
    assertEquals(900, s.startingDeadlineSeconds());
    assertEquals(ConcurrencyPolicy.ALLOW, s.concurrencyPolicy());
    assertTrue(s.enabled());
    assertEquals(10, j.successfulHistoryLimit());
    JobSpec back = JobJson.parseJob(JobJson.render(j, true));
    assertEquals(j, back);
  }

  @Test
  void everyProblemIsNamedByItsPath() {
    Invalid e = assertThrows(Invalid.class, () -> parse("{'id':'Bad_Id','run':{'cmd':'x','cpus':0.001,"
        + "'mem':'lots','restart':{'policy':'ALWAYS'}},'schedules':[{'id':'s','cron':'* * *',"
        + "'timezone':'Nowhere/City','concurrencyPolicy':'SOMETIMES'}],'historyLimits':{'failed':-1}}"));
    var errors = e.errors();
    assertTrue(errors.containsKey("/id"), errors.toString());
    assertEquals("must be >= 0.01", errors.get("/run/cpus").get(0));
    assertEquals("must be a number", errors.get("/run/mem").get(0));
    assertTrue(errors.containsKey("/run/restart/policy"));
    assertTrue(errors.containsKey("/schedules/0/timezone"));
    assertTrue(errors.containsKey("/schedules/0/concurrencyPolicy"));
    assertTrue(errors.containsKey("/historyLimits/failed"));
  }

  @Test
  void aRunNeedsSomethingToRunAndACronThatParses() {
    Invalid e = assertThrows(Invalid.class, () -> parse("{'id':'a','run':{'cpus':1,'mem':32},"
        + "'schedules':[{'id':'s','cron':'61 * * * *'}]}"));
    assertTrue(e.errors().containsKey("/run"), e.errors().toString());
    assertTrue(e.errors().get("/schedules/0/cron").get(0).contains("invalid cron"));
  }
}
