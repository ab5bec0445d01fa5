export const ATTENDANCE_LABELS: Record<string, string> = {
  invited: "Inbjuden, inte svarat",
  accepted: "Kommer",
  declined: "Kommer inte",
  attended: "Närvarade",
  absent: "Frånvarande",
  removed: "Borttagen",
};
