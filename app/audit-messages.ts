import { defineMessages } from "./i18n/define";

/** The administrators' view of the read log beside the audit trail (/admin/audit?log=reads). */
export const messages = defineMessages(
  {
    "auditLog.which": "Logs",
    "auditLog.changes": "Changes",
    "auditLog.reads": "Reads",
    "auditLog.readsTitle": "Read log",
    "auditLog.readsIntro":
      "Who downloaded an evidence file, exported a plan or a canvas, downloaded a dashboard table as CSV or opened a page showing entries' narratives, and when; newest first. Entries cannot be changed or deleted.",
    "auditLog.readsCaption": "Read log entries",
    "auditLog.none": "Nothing recorded matches these filters.",
  },
  {
    "auditLog.which": "Journaux",
    "auditLog.changes": "Modifications",
    "auditLog.reads": "Consultations",
    "auditLog.readsTitle": "Journal des consultations",
    "auditLog.readsIntro":
      "Qui a téléchargé un justificatif, exporté un plan ou un canevas, téléchargé un tableau de bord en CSV ou ouvert une page montrant les récits de saisies, et quand ; des plus récentes aux plus anciennes. Les entrées ne peuvent être ni modifiées ni supprimées.",
    "auditLog.readsCaption": "Entrées du journal des consultations",
    "auditLog.none": "Aucun enregistrement ne correspond à ces filtres.",
  },
);
