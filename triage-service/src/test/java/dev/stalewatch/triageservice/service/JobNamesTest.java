package dev.stalewatch.triageservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobNamesTest {

    @Test
    void theAskingJobsNameBecomesThisJob() {
        assertEquals("In this job only logging changed; this job's prompt is untouched.",
                JobNames.removeFrom("In vic_ideas only logging changed; vic_ideas's prompt is untouched.", "vic_ideas"));
    }

    @Test
    void aLongerNameContainingTheJobIsLeftAlone() {
        assertEquals("vic_ideas_v2 changed", JobNames.removeFrom("vic_ideas_v2 changed", "vic_ideas"));
    }
}
