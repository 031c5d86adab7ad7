import { defineMessages } from "../i18n/define";

/** Progress logging (staff) and verification (M&E officers). */
export const messages = defineMessages(
  {
    "progress.nav.activities": "My activities",
    "progress.nav.verification": "Verification",

    "progress.indicator": "Indicator",
    "progress.period": "Period",
    "progress.value": "Value",
    "progress.reportedOn": "Reported on",
    "progress.breakdown": "Breakdown",
    "progress.totalDerived": "Total from the breakdown",
    "progress.conversation": "Conversation",
    "progress.period.lop": "Life of plan",
    "progress.period.locked": "Locked",
    "progress.periodState.empty": "Nothing reported yet",

    "progress.status.draft": "Draft",
    "progress.status.submitted": "Waiting for verification",
    "progress.status.returned": "Returned",
    "progress.status.approved": "Approved",

    "progress.frequency.life_of_plan": "Reported once, for the whole plan",
    "progress.frequency.annual": "Reported every year",
    "progress.frequency.semi_annual": "Reported every half-year",
    "progress.frequency.quarterly": "Reported every quarter",
    "progress.frequency.monthly": "Reported every month",

    "progress.dimension.region": "Region",
    "progress.dimension.gender": "Gender",
    "progress.dimension.language": "Language",
    "progress.gender.women": "Women",
    "progress.gender.men": "Men",
    "progress.gender.trans": "Trans people",

    "progress.note.returned": "Returned by {name}",
    "progress.note.answered": "Answer from {name}",
    "progress.note.approved": "Approved by {name}",
    "progress.note.comment": "Comment from {name}",

    "progress.activities.title": "My activities",
    "progress.activities.intro":
      "The activities you are responsible for come first, then the other activities that have indicators. Choose one to log what happened.",
    "progress.activities.assigned": "Assigned to you",
    "progress.activities.noneAssigned":
      "No activity is assigned to you yet. An M&E officer assigns activities; meanwhile you can log progress on any activity below.",
    "progress.activities.others": "Other activities with indicators",
    "progress.activities.attention": "Your entries that need attention",
    "progress.activities.fix": "Fix and resubmit",
    "progress.activities.continue": "Continue the draft",
    "progress.activities.noIndicators": "This activity has no indicator yet, so there is nothing to log.",
    "progress.activities.indicatorsOf": "Indicators of {code}",
    "progress.activities.currentPeriod": "Current period",
    "progress.activities.state": "State",
    "progress.activities.log": "Log progress",
    "progress.activities.returnedCount": "Entries returned to you for a fix: {count}.",

    "progress.log.title": "Log progress",
    "progress.log.chooseIndicator": "Indicators of this activity",
    "progress.log.noOpenPeriod":
      "No period of this indicator is open for reporting: either none has started yet, or all of them are locked.",
    "progress.log.periods": "Periods",
    "progress.log.recent": "Your recent entries for this indicator",
    "progress.log.noRecent": "You have not logged anything for this indicator from this activity yet.",
    "progress.log.unit": "unit: {unit}",
    "progress.log.percentage": "a percentage from 0 to 100",

    "progress.form.period": "Period",
    "progress.form.level": "Level reached",
    "progress.form.chooseLevel": "Choose a level",
    "progress.form.breakdown": "Breakdown",
    "progress.form.breakdownHint":
      "Type a number in each box you have a figure for; leave the others empty. The total is the sum of the boxes.",
    "progress.form.gridCaption": "Values by {dimensions}",
    "progress.form.total": "Total",
    "progress.form.percentage": "Percentage",
    "progress.form.totalWithBreakdown":
      "Leave it empty when you fill in the breakdown: the total is worked out from it. If you type one, it must equal the sum.",
    "progress.form.reportedOn": "Date of the report",
    "progress.form.narrative": "What happened",
    "progress.form.narrativeHint": "A few sentences: what was done, with whom, anything unusual.",
    "progress.form.saveDraft": "Save draft",
    "progress.form.submit": "Submit for verification",
    "progress.form.fixProblems": "Nothing was saved. Please fix the problems shown below.",
    "progress.form.filesAgain":
      "If you had chosen files, choose them again: browsers do not keep them after a problem.",
    "progress.form.tooLarge":
      "The form was too large to be received (evidence files are limited to {max} in total). Nothing was saved: go back to your form, remove or shrink the files, and send it again.",

    "progress.evidence.title": "Evidence",
    "progress.evidence.none": "No evidence attached.",
    "progress.evidence.links": "Links",
    "progress.evidence.linksHint":
      "Web addresses (https://…), one per line: a report, photos, a publication.",
    "progress.evidence.files": "Files",
    "progress.evidence.filesHint":
      "Up to {max} in total each time you save, and at most {items} links and files per entry.",
    "progress.evidence.remove": "Remove",

    "progress.problem.required": "Type the total, or fill in the breakdown.",
    "progress.problem.levelRequired": "Choose the level reached.",
    "progress.problem.notANumber": "“{value}” is not a number.",
    "progress.problem.negative": "A count cannot be negative.",
    "progress.problem.notWhole": "This indicator counts: give a whole number, without decimals.",
    "progress.problem.percentageRange": "A percentage is between 0 and 100.",
    "progress.problem.notOnScale": "Choose one of the levels of the scale.",
    "progress.problem.contradictsBreakdown":
      "The total {total} does not match the breakdown, which adds up to {sum}. Correct one of them, or leave the total empty.",
    "progress.problem.missing": "This box is missing a value for one of the indicator's dimensions.",
    "progress.problem.unknown": "“{value}” is not one of the values of this indicator's breakdown.",
    "progress.problem.repeated": "This combination appears twice in the breakdown.",
    "progress.problem.outsidePlan": "The period {period} is not one of this plan's periods.",
    "progress.problem.notStarted": "The period {period} has not started yet.",
    "progress.problem.locked": "The period {period} is locked: nothing can be added or changed in it.",
    "progress.problem.inFuture": "The date {date} is in the future.",
    "progress.problem.dateFormat": "Type a date (YYYY-MM-DD).",
    "progress.problem.tooLong": "This text is too long (at most {max} characters).",
    "progress.problem.filesTooLarge": "The files add up to more than {max}. Choose fewer or smaller files.",
    "progress.problem.requestTooLarge": "The files were larger than {max} in total.",
    "progress.problem.tooManyEvidence": "An entry can have at most {max} links and files.",
    "progress.problem.badLink": "“{value}” is not a web address starting with https:// or http://.",
    "progress.problem.invalid": "This value cannot be recorded.",

    "progress.refused.notFound": "This entry does not exist, or you cannot see it.",
    "progress.refused.notAnActivity": "Progress is logged on activities only.",
    "progress.refused.notEditable":
      "This entry can no longer be changed: only drafts and returned entries can. Ask an M&E officer if it must be corrected.",
    "progress.refused.notSubmitted":
      "This entry is not waiting for verification any more: someone has already approved or returned it.",
    "progress.refused.notReturned": "Only a returned entry can be answered.",
    "progress.refused.locked": "The period {period} is locked: nothing can be added or changed in it.",
    "progress.refused.ownEntry":
      "You entered this yourself: another M&E officer or an administrator verifies it (a second pair of eyes).",
    "progress.refused.noteRequired": "Write a note saying what needs to be fixed.",
    "progress.refused.answerRequired": "Write your answer first.",
    "progress.refused.rationaleRequired": "Give the reason for unlocking: it is kept in the audit trail.",
    "progress.refused.waitingEntries":
      "The period {period} cannot be locked yet: {count} entries are still waiting (submitted or returned). Verify them first:",
    "progress.refused.nothingApproved":
      "The period {period} has no approved entry, so there is nothing to lock.",
    "progress.refused.alreadyLocked": "The period {period} is already locked.",
    "progress.refused.notLocked": "The period {period} is not locked.",
    "progress.refused.unknownPeriod": "{period} is not a period of this indicator.",
    "progress.refused.needsFix":
      "This entry cannot be submitted as it is ({problems} problems). Open it, correct it, then submit it.",
    "progress.refused.submissionKeyUsed":
      "This form was already used. Open the form again to log a new entry.",

    "progress.entries.title": "My entries",
    "progress.entries.intro":
      "Everything you have logged or imported. Entries returned by an M&E officer come first, with their note.",
    "progress.entries.none": "You have not logged anything yet.",
    "progress.entries.group.returned": "Returned to you",
    "progress.entries.group.draft": "Drafts",
    "progress.entries.group.submitted": "Waiting for verification",
    "progress.entries.group.approved": "Approved",
    "progress.entries.caption": "Entries ({count})",
    "progress.entries.next": "Status and next step",
    "progress.entries.open": "Open",
    "progress.entries.imported": "imported",
    "progress.entries.submitAsIs": "Submit",
    "progress.entries.more": "Only the latest ones are shown.",

    "progress.entry.eyebrow": "Progress entry",
    "progress.entry.reported": "What was reported",
    "progress.entry.author": "Reported by",
    "progress.entry.submittedAt": "Submitted",
    "progress.entry.activity": "Activity",
    "progress.entry.importedFrom": "Imported from",
    "progress.entry.editTitle": "Change the draft",
    "progress.entry.fixTitle": "Fix and resubmit",
    "progress.entry.answer": "Your answer to the M&E officer (optional)",
    "progress.entry.noNotes": "No note yet.",
    "progress.entry.reply": "Answer the note without changing the entry",
    "progress.entry.sendReply": "Send the answer",
    "progress.entry.answered":
      "Your answer was added to the conversation. The entry stays returned until you resubmit it.",
    "progress.entry.savedDraft":
      "Saved as a draft. It is not verified, and does not count, until you submit it.",
    "progress.entry.submitted": "Submitted. An M&E officer will verify it; you will see their answer here.",
    "progress.entry.already":
      "This form had already been sent: here is the entry it created. Nothing was saved twice.",
    "progress.entry.why.draft": "A draft: only its author can change or submit it.",
    "progress.entry.why.returned": "Returned to its author, who can fix and resubmit it.",
    "progress.entry.why.submitted":
      "Waiting for verification: it can no longer be changed. An M&E officer approves it or returns it to you.",
    "progress.entry.why.approved": "Approved: it counts in the results and can no longer be changed.",
    "progress.entry.why.locked": "Its period is locked: it can no longer be changed.",

    "progress.verify.title": "Verification",
    "progress.verify.intro":
      "Submitted entries, oldest first. Approve an entry when its figure, breakdown and evidence hold up; otherwise return it with a note saying what to fix. Only approved entries count in results.",
    "progress.verify.count": "Waiting: {count} (showing {shown}).",
    "progress.verify.empty": "Nothing is waiting for verification.",
    "progress.verify.byline": "Reported by {name} on {date}",
    "progress.verify.submittedAt": "submitted {when}",
    "progress.verify.decide": "Verify",
    "progress.verify.remark": "Remark (optional)",
    "progress.verify.approve": "Approve",
    "progress.verify.returnNote": "Note to the author (required to return)",
    "progress.verify.return": "Return with this note",
    "progress.verify.approved": "Approved.",
    "progress.verify.returned": "Returned to its author with your note.",

    "progress.periods.title": "Periods and locks",
    "progress.periods.intro":
      "Each indicator's periods that have entries. Lock a period once all its entries are verified: its figures can then no longer change, and nothing can be added. Unlocking needs a reason, kept in the audit trail.",
    "progress.periods.plan": "Plan",
    "progress.periods.show": "Show",
    "progress.periods.none": "No entry has been reported in this plan yet.",
    "progress.periods.caption": "Periods of {code}",
    "progress.periods.entries": "Entries",
    "progress.periods.state": "State",
    "progress.periods.action": "Lock",
    "progress.periods.count.approved": "{count} approved",
    "progress.periods.count.submitted": "{count} waiting",
    "progress.periods.count.returned": "{count} returned",
    "progress.periods.count.draft": "{count} drafts",
    "progress.periods.lockedBy": "by {name}, {when}",
    "progress.periods.waiting": "{count} entries still waiting",
    "progress.periods.ready": "Verified: ready to lock",
    "progress.periods.notReady": "No approved entry",
    "progress.periods.lock": "Lock the period",
    "progress.periods.unlock": "Unlock",
    "progress.periods.unlockOpen": "Unlock…",
    "progress.periods.rationale": "Reason for unlocking",
    "progress.periods.lockedDone": "The period is locked.",
    "progress.periods.unlockedDone": "The period is unlocked; the reason is in the audit trail.",
  },
  {
    "progress.nav.activities": "Mes activités",
    "progress.nav.verification": "Vérification",

    "progress.indicator": "Indicateur",
    "progress.period": "Période",
    "progress.value": "Valeur",
    "progress.reportedOn": "Date du rapport",
    "progress.breakdown": "Ventilation",
    "progress.totalDerived": "Total de la ventilation",
    "progress.conversation": "Échanges",
    "progress.period.lop": "Durée du plan",
    "progress.period.locked": "Verrouillée",
    "progress.periodState.empty": "Rien de déclaré pour l’instant",

    "progress.status.draft": "Brouillon",
    "progress.status.submitted": "En attente de vérification",
    "progress.status.returned": "Renvoyée",
    "progress.status.approved": "Approuvée",

    "progress.frequency.life_of_plan": "Déclaré une fois, pour tout le plan",
    "progress.frequency.annual": "Déclaré chaque année",
    "progress.frequency.semi_annual": "Déclaré chaque semestre",
    "progress.frequency.quarterly": "Déclaré chaque trimestre",
    "progress.frequency.monthly": "Déclaré chaque mois",

    "progress.dimension.region": "Région",
    "progress.dimension.gender": "Genre",
    "progress.dimension.language": "Langue",
    "progress.gender.women": "Femmes",
    "progress.gender.men": "Hommes",
    "progress.gender.trans": "Personnes trans",

    "progress.note.returned": "Renvoyée par {name}",
    "progress.note.answered": "Réponse de {name}",
    "progress.note.approved": "Approuvée par {name}",
    "progress.note.comment": "Commentaire de {name}",

    "progress.activities.title": "Mes activités",
    "progress.activities.intro":
      "Les activités dont vous êtes responsable viennent d’abord, puis les autres activités qui ont des indicateurs. Choisissez-en une pour déclarer ce qui s’est passé.",
    "progress.activities.assigned": "Qui vous sont confiées",
    "progress.activities.noneAssigned":
      "Aucune activité ne vous est encore confiée. Un·e chargé·e de suivi-évaluation attribue les activités ; en attendant, vous pouvez déclarer l’avancement de n’importe quelle activité ci-dessous.",
    "progress.activities.others": "Autres activités avec des indicateurs",
    "progress.activities.attention": "Vos saisies qui demandent votre attention",
    "progress.activities.fix": "Corriger et soumettre à nouveau",
    "progress.activities.continue": "Reprendre le brouillon",
    "progress.activities.noIndicators":
      "Cette activité n’a pas encore d’indicateur : il n’y a rien à déclarer.",
    "progress.activities.indicatorsOf": "Indicateurs de {code}",
    "progress.activities.currentPeriod": "Période en cours",
    "progress.activities.state": "État",
    "progress.activities.log": "Déclarer l’avancement",
    "progress.activities.returnedCount": "Saisies qui vous ont été renvoyées pour correction : {count}.",

    "progress.log.title": "Déclarer l’avancement",
    "progress.log.chooseIndicator": "Indicateurs de cette activité",
    "progress.log.noOpenPeriod":
      "Aucune période de cet indicateur n’est ouverte : soit aucune n’a encore commencé, soit elles sont toutes verrouillées.",
    "progress.log.periods": "Périodes",
    "progress.log.recent": "Vos dernières saisies pour cet indicateur",
    "progress.log.noRecent": "Vous n’avez encore rien déclaré pour cet indicateur depuis cette activité.",
    "progress.log.unit": "unité : {unit}",
    "progress.log.percentage": "un pourcentage de 0 à 100",

    "progress.form.period": "Période",
    "progress.form.level": "Niveau atteint",
    "progress.form.chooseLevel": "Choisissez un niveau",
    "progress.form.breakdown": "Ventilation",
    "progress.form.breakdownHint":
      "Tapez un nombre dans chaque case pour laquelle vous avez un chiffre ; laissez les autres vides. Le total est la somme des cases.",
    "progress.form.gridCaption": "Valeurs par {dimensions}",
    "progress.form.total": "Total",
    "progress.form.percentage": "Pourcentage",
    "progress.form.totalWithBreakdown":
      "Laissez-le vide si vous remplissez la ventilation : le total en est déduit. Si vous en tapez un, il doit être égal à la somme.",
    "progress.form.reportedOn": "Date du rapport",
    "progress.form.narrative": "Ce qui s’est passé",
    "progress.form.narrativeHint":
      "Quelques phrases : ce qui a été fait, avec qui, ce qui sort de l’ordinaire.",
    "progress.form.saveDraft": "Enregistrer le brouillon",
    "progress.form.submit": "Soumettre pour vérification",
    "progress.form.fixProblems": "Rien n’a été enregistré. Corrigez les problèmes indiqués ci-dessous.",
    "progress.form.filesAgain":
      "Si vous aviez choisi des fichiers, choisissez-les à nouveau : les navigateurs ne les conservent pas après un problème.",
    "progress.form.tooLarge":
      "Le formulaire était trop volumineux pour être reçu (les fichiers justificatifs sont limités à {max} au total). Rien n’a été enregistré : revenez à votre formulaire, retirez ou réduisez les fichiers, puis envoyez-le à nouveau.",

    "progress.evidence.title": "Justificatifs",
    "progress.evidence.none": "Aucun justificatif joint.",
    "progress.evidence.links": "Liens",
    "progress.evidence.linksHint":
      "Adresses web (https://…), une par ligne : un rapport, des photos, une publication.",
    "progress.evidence.files": "Fichiers",
    "progress.evidence.filesHint":
      "Jusqu’à {max} au total à chaque enregistrement, et au plus {items} liens et fichiers par saisie.",
    "progress.evidence.remove": "Retirer",

    "progress.problem.required": "Tapez le total, ou remplissez la ventilation.",
    "progress.problem.levelRequired": "Choisissez le niveau atteint.",
    "progress.problem.notANumber": "« {value} » n’est pas un nombre.",
    "progress.problem.negative": "Un effectif ne peut pas être négatif.",
    "progress.problem.notWhole": "Cet indicateur compte : donnez un nombre entier, sans décimales.",
    "progress.problem.percentageRange": "Un pourcentage est compris entre 0 et 100.",
    "progress.problem.notOnScale": "Choisissez l’un des niveaux de l’échelle.",
    "progress.problem.contradictsBreakdown":
      "Le total {total} ne correspond pas à la ventilation, dont la somme est {sum}. Corrigez l’un des deux, ou laissez le total vide.",
    "progress.problem.missing":
      "Il manque à cette case une valeur pour l’une des dimensions de l’indicateur.",
    "progress.problem.unknown":
      "« {value} » ne fait pas partie des valeurs de la ventilation de cet indicateur.",
    "progress.problem.repeated": "Cette combinaison apparaît deux fois dans la ventilation.",
    "progress.problem.outsidePlan": "La période {period} n’est pas une période de ce plan.",
    "progress.problem.notStarted": "La période {period} n’a pas encore commencé.",
    "progress.problem.locked": "La période {period} est verrouillée : rien ne peut y être ajouté ni modifié.",
    "progress.problem.inFuture": "La date {date} est dans le futur.",
    "progress.problem.dateFormat": "Tapez une date (AAAA-MM-JJ).",
    "progress.problem.tooLong": "Ce texte est trop long ({max} caractères au plus).",
    "progress.problem.filesTooLarge":
      "Les fichiers dépassent {max} au total. Choisissez des fichiers moins nombreux ou plus petits.",
    "progress.problem.requestTooLarge": "Les fichiers dépassaient {max} au total.",
    "progress.problem.tooManyEvidence": "Une saisie peut avoir au plus {max} liens et fichiers.",
    "progress.problem.badLink": "« {value} » n’est pas une adresse web commençant par https:// ou http://.",
    "progress.problem.invalid": "Cette valeur ne peut pas être enregistrée.",

    "progress.refused.notFound": "Cette saisie n’existe pas, ou vous ne pouvez pas la voir.",
    "progress.refused.notAnActivity": "L’avancement se déclare uniquement sur des activités.",
    "progress.refused.notEditable":
      "Cette saisie ne peut plus être modifiée : seuls les brouillons et les saisies renvoyées peuvent l’être. Adressez-vous à un·e chargé·e de suivi-évaluation si elle doit être corrigée.",
    "progress.refused.notSubmitted":
      "Cette saisie n’attend plus de vérification : quelqu’un l’a déjà approuvée ou renvoyée.",
    "progress.refused.notReturned": "Seule une saisie renvoyée peut recevoir une réponse.",
    "progress.refused.locked": "La période {period} est verrouillée : rien ne peut y être ajouté ni modifié.",
    "progress.refused.ownEntry":
      "Vous avez saisi ceci vous-même : un·e autre chargé·e de suivi-évaluation ou un·e administrateur·rice la vérifie (un second regard).",
    "progress.refused.noteRequired": "Écrivez une note qui dit ce qu’il faut corriger.",
    "progress.refused.answerRequired": "Écrivez d’abord votre réponse.",
    "progress.refused.rationaleRequired":
      "Donnez la raison du déverrouillage : elle est conservée dans le journal d’audit.",
    "progress.refused.waitingEntries":
      "La période {period} ne peut pas encore être verrouillée : {count} saisies sont encore en attente (soumises ou renvoyées). Vérifiez-les d’abord :",
    "progress.refused.nothingApproved":
      "La période {period} n’a aucune saisie approuvée : il n’y a rien à verrouiller.",
    "progress.refused.alreadyLocked": "La période {period} est déjà verrouillée.",
    "progress.refused.notLocked": "La période {period} n’est pas verrouillée.",
    "progress.refused.unknownPeriod": "{period} n’est pas une période de cet indicateur.",
    "progress.refused.needsFix":
      "Cette saisie ne peut pas être soumise telle quelle ({problems} problèmes). Ouvrez-la, corrigez-la, puis soumettez-la.",
    "progress.refused.submissionKeyUsed":
      "Ce formulaire a déjà servi. Ouvrez à nouveau le formulaire pour déclarer une nouvelle saisie.",

    "progress.entries.title": "Mes saisies",
    "progress.entries.intro":
      "Tout ce que vous avez déclaré ou importé. Les saisies renvoyées par un·e chargé·e de suivi-évaluation viennent d’abord, avec sa note.",
    "progress.entries.none": "Vous n’avez encore rien déclaré.",
    "progress.entries.group.returned": "Renvoyées pour correction",
    "progress.entries.group.draft": "Brouillons",
    "progress.entries.group.submitted": "En attente de vérification",
    "progress.entries.group.approved": "Approuvées",
    "progress.entries.caption": "Saisies ({count})",
    "progress.entries.next": "État et étape suivante",
    "progress.entries.open": "Ouvrir",
    "progress.entries.imported": "importée",
    "progress.entries.submitAsIs": "Soumettre",
    "progress.entries.more": "Seules les plus récentes sont affichées.",

    "progress.entry.eyebrow": "Saisie d’avancement",
    "progress.entry.reported": "Ce qui a été déclaré",
    "progress.entry.author": "Déclarée par",
    "progress.entry.submittedAt": "Soumise",
    "progress.entry.activity": "Activité",
    "progress.entry.importedFrom": "Importée depuis",
    "progress.entry.editTitle": "Modifier le brouillon",
    "progress.entry.fixTitle": "Corriger et soumettre à nouveau",
    "progress.entry.answer": "Votre réponse au ou à la chargé·e de suivi-évaluation (facultatif)",
    "progress.entry.noNotes": "Aucune note pour l’instant.",
    "progress.entry.reply": "Répondre à la note sans modifier la saisie",
    "progress.entry.sendReply": "Envoyer la réponse",
    "progress.entry.answered":
      "Votre réponse a été ajoutée aux échanges. La saisie reste renvoyée tant que vous ne l’avez pas soumise à nouveau.",
    "progress.entry.savedDraft":
      "Enregistrée comme brouillon. Elle n’est ni vérifiée ni comptée tant que vous ne l’avez pas soumise.",
    "progress.entry.submitted":
      "Soumise. Un·e chargé·e de suivi-évaluation va la vérifier ; vous verrez sa réponse ici.",
    "progress.entry.already":
      "Ce formulaire avait déjà été envoyé : voici la saisie qu’il a créée. Rien n’a été enregistré deux fois.",
    "progress.entry.why.draft": "Un brouillon : seul·e son auteur·rice peut le modifier ou le soumettre.",
    "progress.entry.why.returned":
      "Renvoyée à son auteur·rice, qui peut la corriger et la soumettre à nouveau.",
    "progress.entry.why.submitted":
      "En attente de vérification : elle ne peut plus être modifiée. Un·e chargé·e de suivi-évaluation l’approuve ou vous la renvoie.",
    "progress.entry.why.approved":
      "Approuvée : elle compte dans les résultats et ne peut plus être modifiée.",
    "progress.entry.why.locked": "Sa période est verrouillée : elle ne peut plus être modifiée.",

    "progress.verify.title": "Vérification",
    "progress.verify.intro":
      "Les saisies soumises, les plus anciennes d’abord. Approuvez une saisie quand son chiffre, sa ventilation et ses justificatifs tiennent ; sinon renvoyez-la avec une note qui dit quoi corriger. Seules les saisies approuvées comptent dans les résultats.",
    "progress.verify.count": "En attente : {count} (affichées : {shown}).",
    "progress.verify.empty": "Rien n’attend de vérification.",
    "progress.verify.byline": "Déclarée par {name} le {date}",
    "progress.verify.submittedAt": "soumise le {when}",
    "progress.verify.decide": "Vérifier",
    "progress.verify.remark": "Remarque (facultatif)",
    "progress.verify.approve": "Approuver",
    "progress.verify.returnNote": "Note à l’auteur·rice (obligatoire pour renvoyer)",
    "progress.verify.return": "Renvoyer avec cette note",
    "progress.verify.approved": "Approuvée.",
    "progress.verify.returned": "Renvoyée à son auteur·rice avec votre note.",

    "progress.periods.title": "Périodes et verrouillage",
    "progress.periods.intro":
      "Les périodes de chaque indicateur qui ont des saisies. Verrouillez une période une fois toutes ses saisies vérifiées : ses chiffres ne peuvent alors plus changer, et rien ne peut y être ajouté. Déverrouiller demande une raison, conservée dans le journal d’audit.",
    "progress.periods.plan": "Plan",
    "progress.periods.show": "Afficher",
    "progress.periods.none": "Aucune saisie n’a encore été déclarée dans ce plan.",
    "progress.periods.caption": "Périodes de {code}",
    "progress.periods.entries": "Saisies",
    "progress.periods.state": "État",
    "progress.periods.action": "Verrouillage",
    "progress.periods.count.approved": "{count} approuvée(s)",
    "progress.periods.count.submitted": "{count} en attente",
    "progress.periods.count.returned": "{count} renvoyée(s)",
    "progress.periods.count.draft": "{count} brouillon(s)",
    "progress.periods.lockedBy": "par {name}, {when}",
    "progress.periods.waiting": "{count} saisie(s) encore en attente",
    "progress.periods.ready": "Vérifiée : prête à verrouiller",
    "progress.periods.notReady": "Aucune saisie approuvée",
    "progress.periods.lock": "Verrouiller la période",
    "progress.periods.unlock": "Déverrouiller",
    "progress.periods.unlockOpen": "Déverrouiller…",
    "progress.periods.rationale": "Raison du déverrouillage",
    "progress.periods.lockedDone": "La période est verrouillée.",
    "progress.periods.unlockedDone":
      "La période est déverrouillée ; la raison figure dans le journal d’audit.",
  },
);
