/**
 * Every place in the schema that holds data about a person, and what the
 * export and the erasure do with it. person-references.test.ts reads the
 * generated client's data model and fails when a model gains a reference to
 * a person (a relation to Person, or a column such as `somethingById`,
 * `actorId`, `email`) that is not listed here: add it here, to
 * export.server.ts and to erasure.server.ts in the same change.
 */
export interface PersonReference {
  /** The fields that point at a person (relation fields, or plain columns holding an id, e-mail or name). */
  fields: string[];
  /** Where the export shows it (a key of PersonalDataExport). */
  export: string;
  /** What erasure does with it. */
  erasure: string;
}

export const PERSON_REFERENCES: Record<string, PersonReference> = {
  Person: { fields: [], export: "person", erasure: "anonymised: name, e-mail, roles; erasedAt set; branch and position kept for the statistics" },
  Branch: {
    fields: ["people"],
    export: "person.branch (the back side of the person's branch)",
    erasure: "kept: the branch counts the anonymised row in the statistics",
  },
  Password: { fields: ["person"], export: "account.hasPassword (never the hash)", erasure: "deleted" },
  AuthSession: { fields: ["person"], export: "loginSessions (device, created, expires; never the id)", erasure: "deleted" },
  AccountToken: { fields: ["person"], export: "accountTokens (purpose and dates; never the hash)", erasure: "deleted" },
  LoginAttempt: { fields: ["email"], export: "loginAttempts", erasure: "deleted" },
  OutboxMessage: {
    fields: ["personId", "toEmail", "replyToEmail"],
    export: "emails (one-time links hidden)",
    erasure: "unsent deleted; sent ones scrubbed (recipient, text, calendar); name/e-mail scrubbed from others' messages, and the Reply-To to them cleared",
  },
  AuditEvent: { fields: ["actorId", "subjectId"], export: "auditEvents", erasure: "kept (ids point at the anonymised row); name/e-mail scrubbed from details" },
  RateLimitHit: { fields: ["key"], export: "rateLimitHits", erasure: "deleted (keys holding the e-mail)" },
  BranchSupport: { fields: ["facilitator"], export: "supportedBranches", erasure: "deleted" },
  LessonProgress: { fields: ["person"], export: "lessonProgress", erasure: "kept (statistics)" },
  QuizAttempt: { fields: ["person"], export: "quizAttempts", erasure: "answers cleared; right/wrong kept" },
  Reflection: { fields: ["person"], export: "reflections", erasure: "text cleared, no longer shared" },
  AssignmentSubmission: {
    fields: ["person", "reviewer"],
    export: "submissions, reviewsGiven",
    erasure: "own: text and feedback cleared, status kept; as reviewer: kept (the learner's record)",
  },
  Completion: { fields: ["person"], export: "completions", erasure: "kept (statistics); certificate code removed" },
  CohortFacilitator: { fields: ["person"], export: "cohortsFacilitated", erasure: "deleted" },
  Enrolment: {
    fields: ["person", "decidedBy"],
    export: "enrolments, enrolmentDecisions",
    erasure: "own: reason cleared; pending, waitlisted and running enrolments withdrawn; ended ones kept (statistics); as decider: kept",
  },
  HandledningSession: { fields: ["facilitator"], export: "sessionsLed", erasure: "future sessions cancelled (CANCEL to participants); past ones kept" },
  Attendance: { fields: ["person"], export: "sessionsAttended", erasure: "future ones removed; past ones kept (statistics)" },
  CalendarFeed: { fields: ["person"], export: "calendarFeed (date only, never the token)", erasure: "deleted" },
  CalendarReply: {
    fields: ["person", "fromAddress", "attendeeEmail", "handledById"],
    export: "calendarReplies (their calendar's answers: when, the answer, what the app did)",
    erasure: "their own deleted (sender, answer, comment); as the admin or facilitator who handled one: kept (points at the anonymised row)",
  },
  BranchRole: { fields: ["person"], export: "branchRoles", erasure: "deleted" },
  CrisisTemplateVersion: { fields: ["publishedBy"], export: "crisisTemplateVersionsPublished", erasure: "kept (points at the anonymised row)" },
  CrisisPlan: { fields: ["reviewedById"], export: "crisisPlansReviewed", erasure: "kept (points at the anonymised row)" },
  CrisisPlanItem: { fields: ["owner"], export: "crisisItemsOwned", erasure: "owner cleared, so the branch sees the item has no owner" },
  CrisisContact: {
    fields: ["name"],
    export: "crisisContacts (entries with the person's name in their own or supported branches)",
    erasure: "those entries deleted",
  },
  CrisisOffer: { fields: ["decidedById"], export: "crisisOffersDecided", erasure: "kept (points at the anonymised row)" },
  WeeklyDigest: { fields: ["facilitator"], export: "weeklyDigests", erasure: "deleted" },
  CourseVersion: { fields: ["publishedBy"], export: "coursesPublished", erasure: "kept (points at the anonymised row): the course is the district's" },
  CourseDraft: { fields: ["updatedBy"], export: "courseDraftsEdited", erasure: "kept (points at the anonymised row)" },
  IndicatorEntry: { fields: ["enteredById"], export: "indicatorEntries", erasure: "kept (points at the anonymised row)" },
  Manual: { fields: ["uploadedById"], export: "manualsUploaded", erasure: "kept (points at the anonymised row): the manual is the district's" },
};
