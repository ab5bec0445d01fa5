import { db, transaction } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { learnersSupportedBy } from "~/modules/auth/scopes";
import { queueEmail } from "~/modules/mail/outbox.server";
import { config } from "~/config.server";
import { formError, ok, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { refreshCompletions } from "./course-progress.server";

/** Who supports a learner's branch: the people allowed to review their work. */
async function supportersOf(personId: string): Promise<string[]> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { branchId: true } });
  if (!person) return [];
  const rows = await db.branchSupport.findMany({ where: { branchId: person.branchId }, select: { facilitatorId: true } });
  return rows.map((r) => r.facilitatorId);
}

export async function mayReviewLearner(actor: Actor, learnerId: string) {
  if (actor.id === learnerId) return false;
  return may(actor, "learner-work:review", { personId: learnerId, supportedBy: await supportersOf(learnerId) });
}

/** Work waiting for this reviewer: submitted assignments and shared reflections of their learners. */
export async function reviewQueue(actor: Actor) {
  const learnerFilter = { person: learnersSupportedBy(actor) };
  const [submissions, reflections] = await Promise.all([
    db.assignmentSubmission.findMany({
      where: { status: "submitted", personId: { not: actor.id }, ...learnerFilter },
      orderBy: { submittedAt: "asc" },
      include: { person: { select: { name: true, branch: { select: { name: true } } } }, lesson: { select: { title: true } } },
    }),
    db.reflection.findMany({
      where: { shared: true, personId: { not: actor.id }, ...learnerFilter },
      orderBy: { updatedAt: "desc" },
      take: 50,
      include: { person: { select: { name: true, branch: { select: { name: true } } } }, lesson: { select: { title: true } } },
    }),
  ]);
  return { submissions, reflections };
}

export async function getSubmissionForReview(actor: Actor, submissionId: string) {
  const submission = await db.assignmentSubmission.findUnique({
    where: { id: submissionId },
    include: {
      person: { select: { id: true, name: true, branch: { select: { name: true } } } },
      lesson: { include: { module: { include: { course: true } } } },
    },
  });
  if (!submission) throw notFound("Inlämningen finns inte.");
  if (!(await mayReviewLearner(actor, submission.personId))) throw forbidden("Du kan bara granska inlämningar från deltagare du är utvecklingsledare för.");
  return submission;
}

export async function getSharedReflection(actor: Actor, reflectionId: string) {
  const reflection = await db.reflection.findUnique({
    where: { id: reflectionId },
    include: { person: { select: { id: true, name: true } }, lesson: { select: { title: true } } },
  });
  // A private reflection does not exist for anyone but its author.
  if (!reflection || !reflection.shared) throw notFound("Reflektionen finns inte.");
  if (!(await mayReviewLearner(actor, reflection.personId))) throw forbidden("Den här reflektionen är delad med deltagarens utvecklingsledare, inte med dig.");
  return reflection;
}

export type ReviewDecision = "approve" | "return";

/**
 * Approves or returns a submission. Only a waiting submission can be
 * decided, once; approval completes the lesson for the learner.
 */
export async function reviewSubmission(actor: Actor, submissionId: string, decision: ReviewDecision, comment: string): Promise<ActionResult> {
  const submission = await getSubmissionForReview(actor, submissionId);
  const now = new Date();
  const decided = await transaction(async (tx) => {
    const { count } = await tx.assignmentSubmission.updateMany({
      where: { id: submission.id, status: "submitted" },
      data: { status: decision === "approve" ? "approved" : "returned", reviewerId: actor.id, comment: comment || null, reviewedAt: now },
    });
    if (count !== 1) return false;
    if (decision === "approve") {
      await tx.lessonProgress.upsert({
        where: { personId_lessonId: { personId: submission.personId, lessonId: submission.lessonId } },
        create: { personId: submission.personId, lessonId: submission.lessonId, completedAt: now },
        update: { completedAt: now },
      });
      await refreshCompletions(tx, submission.personId, submission.lesson.module.courseId, undefined, now);
    }
    const learner = await tx.person.findUniqueOrThrow({ where: { id: submission.personId }, select: { email: true, name: true } });
    const link = new URL(`/courses/${submission.lesson.module.course.slug}/${submission.lesson.slug}`, config.PUBLIC_URL).toString();
    await queueEmail(
      {
        to: learner.email,
        personId: submission.personId,
        kind: decision === "approve" ? "assignment-approved" : "assignment-returned",
        subject: decision === "approve" ? `Godkänd: ${submission.lesson.title}` : `Att komplettera: ${submission.lesson.title}`,
        text: [
          `Hej ${learner.name}!`,
          "",
          decision === "approve"
            ? `Din inlämning på "${submission.lesson.title}" är godkänd.`
            : `Din inlämning på "${submission.lesson.title}" behöver kompletteras.`,
          comment ? `\nKommentar: ${comment}` : "",
          "",
          link,
        ].join("\n"),
      },
      tx,
    );
    await recordAudit(
      { actorId: actor.id, action: `assignment.${decision === "approve" ? "approved" : "returned"}`, subjectType: "assignment", subjectId: submission.id },
      tx,
    );
    return true;
  });
  return decided ? ok() : formError("Inlämningen är redan granskad.");
}
