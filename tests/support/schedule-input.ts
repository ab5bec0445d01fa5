import type { ScheduleInput } from "~/modules/sessions/session-schema";

/**
 * What the scheduling form sends for one group session with nothing extra
 * (no agenda, video link, cohort, capacity or repetition): the one place a
 * test starts from, so a new form field is added here and not in every test.
 * Tests say what matters to them in `over`.
 */
export function scheduleInput(over: Partial<ScheduleInput> & Pick<ScheduleInput, "date">): ScheduleInput {
  return {
    kind: "group",
    title: "Handledning",
    agenda: "",
    startTime: "18:00",
    endTime: "19:00",
    location: "Folkets hus",
    videoUrl: "",
    cohortId: "",
    participantIds: [],
    capacity: "",
    repeatWeeks: 0,
    occurrences: 1,
    ...over,
  };
}
