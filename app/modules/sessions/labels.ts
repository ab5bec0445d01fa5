export const ATTENDANCE_LABELS: Record<string, string> = {
  invited: "Inbjuden, inte svarat",
  accepted: "Kommer",
  tentative: "Kanske",
  declined: "Kommer inte",
  attended: "Närvarade",
  absent: "Frånvarande",
  removed: "Borttagen",
};
