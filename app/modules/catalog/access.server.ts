import { catalogCourseBySlug, catalogLessonBySlug } from "./catalog-cache.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { hasProgramAccess } from "~/modules/enrolment/cohorts.server";
import { forbidden, notFound } from "~/utils/http.server";

/**
 * A course someone may take: live (not retired), in a live program; a program
 * marked enrolment-only is open to people enrolled in a current cohort of it
 * (and to admins, to preview it).
 */
export async function requireCourse(actor: Actor, courseSlug: string | undefined) {
  const course = courseSlug ? await catalogCourseBySlug(courseSlug) : null;
  if (!course || course.retiredAt || course.program.retiredAt) throw notFound("Kursen finns inte.");
  if (course.program.enrolmentOnly && !may(actor, "course:preview-enrolment-only") && !(await hasProgramAccess(actor.id, course.programId))) {
    throw forbidden(`${course.title} är öppen för deltagare som är anmälda till en omgång av ${course.program.title}.`);
  }
  return course;
}

/** A live lesson that belongs to the given course; anything else is 404. */
export async function requireLesson(courseId: string, lessonSlug: string | undefined) {
  const lesson = lessonSlug ? await catalogLessonBySlug(lessonSlug) : null;
  if (!lesson || lesson.retiredAt || lesson.module.courseId !== courseId || lesson.module.retiredAt) {
    throw notFound("Lektionen finns inte i den här kursen.");
  }
  return lesson;
}
