import { defineMessages } from "../i18n/define";

/** Indicator management, history, assignments and the synthetic-data badge. */
export const messages = defineMessages(
  {
    "synthetic.badge": "Synthetic demo data",
    "synthetic.explanation":
      "Invented figures, generated to try Throughline. They describe no real organisation and are never mixed with the sourced plans.",

    "indicators.title": "Indicators",
    "indicators.intro":
      "What the plan measures, how values combine over time, and the targets results are read against. Open an indicator for its targets, approved results and history.",
    "indicators.caption": "Indicators of the plan ({count})",
    "indicators.empty": "This plan has no indicator yet.",
    "indicators.new": "New indicator",
    "indicators.newIntro":
      "Define what is measured and how. Targets can be added now or later; once results are reported, changes to targets, baseline, disaggregation or aggregation need a reason, and every earlier version stays readable.",
    "indicators.edit": "Change the indicator",
    "indicators.editIntro":
      "No result has been reported yet: any change can be made. The version before your change is kept in the history.",
    "indicators.editIntroResults":
      "Results have been reported for this indicator ({count} entries beyond drafts). Reported entries are never changed by what you do here; the version before your change is kept in the history.",
    "indicators.eyebrow": "Indicator",
    "indicators.revision": "Revision {revision}",
    "indicators.current": "In force now",
    "indicators.noDimensions": "Not disaggregated",
    "indicators.noBaseline": "No baseline recorded.",
    "indicators.noTargets": "No target was set.",
    "indicators.unknownLevel": "Level {level}",
    "indicators.toleranceValue": "within ± {tolerance}",
    "indicators.locked": "Locked",
    "indicators.overPlan": "Over the plan",
    "indicators.period.lop": "Life of the plan",
    "indicators.results": "Targets and approved results",
    "indicators.resultsHint.per_period":
      "Each period counts on its own: the actual is what was reported in the period, and the plan's total is their sum.",
    "indicators.resultsHint.cumulative":
      "Reports are increments: the actual is the running total up to the end of each period, and targets are running totals too.",
    "indicators.resultsHint.latest":
      "Reports are levels: the actual is the latest level reported up to each period; targets are the level expected then.",
    "indicators.resultsCaption": "Targets against approved results ({count} approved entries)",
    "indicators.cellsCaption": "Approved results against the targets set for values of the disaggregation",
    "indicators.cellValue": "{actual} of {target}",
    "indicators.targetSources": "Targets stated in a source",
    "indicators.targetSourcesHint":
      "These targets are quoted from a source document. A target changed on this page no longer carries its quote.",
    "indicators.statusCounts":
      "Entries: {approved} approved, {submitted} waiting for verification, {returned} returned, {draft} drafts. Only approved entries count.",
    "indicators.definitionHeading": "Definition",
    "indicators.entries": "Approved entries",
    "indicators.entriesShown": "The {shown} most recent of {count} approved entries.",
    "indicators.breakdownSummary": "Breakdown ({count} cells)",
    "indicators.reportedUnder": "Reported under revision {revision}.",
    "indicators.earlierDimensions":
      "Its breakdown uses that revision's disaggregation and is shown as it was reported.",
    "indicators.history": "History",
    "indicators.noHistory": "Not changed since it was created.",
    "indicators.fullHistory": "The full history",
    "indicators.replacedOn": "replaced on {when} by {who}",
    "indicators.changed": "Changed: {changes}",
    "indicators.historyIntro":
      "Every version of the indicator, with who replaced it, when, what the change touched and why. Open a revision to read the indicator as it was then, with its targets.",
    "indicators.historyCaption": "Revisions ({count})",
    "indicators.revisionCurrent": "This is the version in force now.",
    "indicators.revisionReplaced": "This version was replaced on {when} by {who}.",
    "indicators.previousRevision": "Revision {revision} (earlier)",
    "indicators.nextRevision": "Revision {revision} (later)",
    "indicators.targetsOfRevision": "Targets of revision {revision}",
    "indicators.entriesUnderRevision": "Approved entries reported under revision {revision}",
    "indicators.noEntriesUnderRevision": "No approved entry was reported while this version was in force.",

    "indicators.table.code": "Code",
    "indicators.table.name": "Name",
    "indicators.table.measures": "Measures",
    "indicators.table.howCombined": "How values combine",
    "indicators.table.frequency": "Frequency",
    "indicators.table.dimensions": "Disaggregation",
    "indicators.table.approved": "Approved entries",
    "indicators.table.period": "Period",
    "indicators.table.total": "Total",
    "indicators.table.target": "Target",
    "indicators.table.reported": "Reported in the period",
    "indicators.table.actual": "Actual",
    "indicators.table.percent": "% of target",
    "indicators.table.revision": "Revision",
    "indicators.table.inForceUntil": "In force until",
    "indicators.table.changedBy": "Replaced by",
    "indicators.table.changes": "What changed",
    "indicators.table.rationale": "Reason",

    "indicators.measure.number": "Number",
    "indicators.measure.percentage": "Percentage",
    "indicators.measure.qualitative": "Qualitative (milestone scale)",
    "indicators.direction.increase": "Should increase",
    "indicators.direction.decrease": "Should decrease",
    "indicators.direction.maintain": "Should be maintained",
    "indicators.aggregation.per_period": "Each period on its own (sum)",
    "indicators.aggregation.cumulative": "Running total (reports are increments)",
    "indicators.aggregation.latest": "Latest level (reports are levels)",
    "indicators.frequency.life_of_plan": "Once, for the life of the plan",
    "indicators.frequency.annual": "Yearly",
    "indicators.frequency.semi_annual": "Every six months",
    "indicators.frequency.quarterly": "Quarterly",
    "indicators.frequency.monthly": "Monthly",
    "indicators.dimension.region": "Region",
    "indicators.dimension.gender": "Gender",
    "indicators.dimension.language": "Language",
    "indicators.gender.women": "Women",
    "indicators.gender.men": "Men",
    "indicators.gender.trans": "Trans people",
    "indicators.change.wording": "name, definition or unit",
    "indicators.change.measure": "measure",
    "indicators.change.scale": "scale",
    "indicators.change.direction": "direction or tolerance",
    "indicators.change.aggregation": "how values combine",
    "indicators.change.frequency": "frequency",
    "indicators.change.baseline": "baseline",
    "indicators.change.dimensions": "disaggregation",
    "indicators.change.targets": "targets",
    "indicators.change.verification": "means of verification or data source",
    "indicators.change.responsible": "responsible person",
    "indicators.change.elements": "elements measured",

    "indicators.form.identity": "What is measured",
    "indicators.form.measure": "Measure, direction and frequency",
    "indicators.form.baseline": "Baseline",
    "indicators.form.dimensions": "Disaggregation",
    "indicators.form.dimensionsHint":
      "Reports give a value for each combination of the dimensions ticked (for example region × gender), and the total is their sum. Removing a dimension later keeps the breakdowns already reported.",
    "indicators.form.customDimension": "Custom dimension {number}",
    "indicators.form.elements": "Elements it measures",
    "indicators.form.elementsHint": "Tick at least one objective, strategy or activity of the plan.",
    "indicators.form.verification": "Verification and responsibility",
    "indicators.form.targets": "Targets",
    "indicators.form.targetsHint.per_period":
      "Type the value expected in each period. Leave a period empty for no target.",
    "indicators.form.targetsHint.cumulative":
      "Type the running total expected by the end of each period (not the increment). Leave a period empty for no target.",
    "indicators.form.targetsHint.latest":
      "Type the level expected at the end of each period. Leave a period empty for no target.",
    "indicators.form.updateHint":
      "After changing the frequency, the disaggregation or the scale, press “Update the form” at the bottom to see the matching targets table. Nothing is saved until you press the save button.",
    "indicators.form.targetsCaption": "Targets per period ({count} periods)",
    "indicators.form.targetFor": "Target for {period}, {cell}",
    "indicators.form.rationale": "Why",
    "indicators.form.create": "Create the indicator",
    "indicators.form.save": "Save the changes",
    "indicators.form.update": "Update the form (does not save)",
    "indicators.form.hasErrors": "Nothing was saved. Please check the fields marked below.",

    "indicators.field.code": "Code",
    "indicators.field.codeHint":
      "Short and unique in the plan, for example I4 or O1.I2. It cannot be changed later.",
    "indicators.field.codeFixed": "(the code does not change: reports, imports and links use it)",
    "indicators.field.name": "Name",
    "indicators.field.definition": "Definition",
    "indicators.field.measure": "Measure",
    "indicators.field.scale": "Milestone scale (qualitative indicators only)",
    "indicators.field.scaleHint":
      "One level per line, from the first to the last, as “English | français” (French optional). A report names a level by its number, from 0.",
    "indicators.field.unit": "Unit",
    "indicators.field.direction": "Direction",
    "indicators.field.tolerance": "Tolerance (for “should be maintained”)",
    "indicators.field.toleranceHint": "How far from the target still counts as maintained, for example 5.",
    "indicators.field.aggregation": "How values combine over time",
    "indicators.field.aggregationHint":
      "Each period on its own: periods are added up. Running total: each report adds to what came before. Latest level: each report replaces the previous one (for example, members today).",
    "indicators.field.frequency": "Reporting and target frequency",
    "indicators.field.frequencyHint": "Periods follow the calendar and are clipped to the plan's dates.",
    "indicators.field.baseline": "Baseline",
    "indicators.field.baselineValue": "Baseline value",
    "indicators.field.baselineDate": "Baseline date",
    "indicators.field.dateHint": "YYYY-MM-DD",
    "indicators.field.baselineNote": "Baseline note",
    "indicators.field.customCode": "Dimension code",
    "indicators.field.customCodeHint": "Lower-case letters, digits and _, for example age_group.",
    "indicators.field.customLabel": "Dimension name",
    "indicators.field.customValues": "Values",
    "indicators.field.customValuesHint":
      "One value per line, as “code: English | français”, for example “youth: Under 25 | Moins de 25 ans”. The code (before the colon) is optional; keep it unchanged once reports use it.",
    "indicators.field.meansOfVerification": "Means of verification",
    "indicators.field.dataSource": "Data source",
    "indicators.field.responsible": "Responsible person",
    "indicators.field.nobody": "Nobody yet",
    "indicators.field.targetsByCell":
      "Also set targets for each value of the disaggregation (for example for women)",
    "indicators.field.rationale": "Reason for the change (kept in the history and the audit trail)",
    "indicators.field.rationaleHint": "Optional while no result has been reported.",
    "indicators.field.rationaleRequiredHint":
      "Required for a change to targets, baseline, disaggregation, how values combine, direction or scale: {count} entries have been reported.",

    "indicators.error.codeFormat":
      "Use letters, digits, dots and dashes (at most 40), starting with a letter or digit.",
    "indicators.error.codeReserved": "“new” cannot be an indicator's code.",
    "indicators.error.codeTaken": "Another indicator of this plan already has this code.",
    "indicators.error.nameRequired": "Enter the name in English.",
    "indicators.error.englishFirst":
      "Enter the English text too: the other languages are translations of it.",
    "indicators.error.tooLong": "At most {max} characters.",
    "indicators.error.choose": "Choose one of the options.",
    "indicators.error.scaleLevels":
      "A qualitative indicator needs an ordered scale of 2 to 20 levels, one per line, each with an English label.",
    "indicators.error.scaleInUse":
      "Reported entries use the scale up to level {levels}: keep at least {levels} levels.",
    "indicators.error.toleranceRequired":
      "An indicator that should be maintained needs a tolerance of 0 or more: how far from the target still counts.",
    "indicators.error.notANumber": "Enter a number, for example 12 or 12.5.",
    "indicators.error.negative": "A count cannot be negative.",
    "indicators.error.notWhole": "This indicator counts: give a whole number, without decimals.",
    "indicators.error.percentageRange": "A percentage is between 0 and 100.",
    "indicators.error.notOnScale": "Choose a level of the scale (0 to {max}).",
    "indicators.error.date": "Enter a date as YYYY-MM-DD.",
    "indicators.error.baselineFuture": "A baseline is a measured value: its date cannot be in the future.",
    "indicators.error.baselineIncomplete": "A baseline date or note needs a baseline value.",
    "indicators.error.customCode":
      "Name the dimension with lower-case letters, digits and _ (for example age_group); region, gender and language are ticked above.",
    "indicators.error.customRepeated": "The dimension “{code}” appears twice.",
    "indicators.error.customLabel": "Give the dimension a name in English.",
    "indicators.error.customValues": "List at least two values, one per line.",
    "indicators.error.customValueCode":
      "“{value}”: a value needs an English label, and its code may only use lower-case letters, digits, - and _.",
    "indicators.error.customValueRepeated": "The value “{value}” appears twice.",
    "indicators.error.elementsRequired": "Tick at least one element the indicator measures.",
    "indicators.error.responsibleUnknown": "Choose a person from the list.",
    "indicators.error.targetPeriods":
      "Targets were typed for periods or values this form no longer has (the frequency or the disaggregation changed). Press “Update the form” to see the new table, then type the targets again.",
    "indicators.error.rationaleRequired":
      "Results have been reported ({count} entries): say why you change the {changes}. Nothing was saved.",
    "indicators.error.fixed.measure":
      "Results have been reported in this measure: it cannot change. Create a new indicator instead.",
    "indicators.error.fixed.frequency":
      "Results have been reported for these periods: the frequency cannot change. Create a new indicator instead.",
    "indicators.error.stale":
      "Someone changed this indicator while you were editing it (it is now at revision {revision}). Nothing was saved. Check its history; saving again will replace that version with what you typed here.",

    "assignments.title": "Who is responsible for which activity",
    "assignments.intro":
      "The people responsible for each activity. Their activities come first when they log progress.",
    "assignments.introManage":
      "Tick who is responsible for each activity. Their activities come first when they log progress. Changes are kept in the audit trail.",
    "assignments.caption": "Activities of the plan ({count})",
    "assignments.activity": "Activity",
    "assignments.responsible": "Responsible",
    "assignments.nobody": "Nobody yet",
    "assignments.checkbox": "{person} is responsible for {activity}",
    "assignments.save": "Save the assignments",
    "assignments.saved": "The assignments were saved.",
    "assignments.noActivities": "This plan has no activities.",
    "assignments.error.incomplete": "The form was incomplete: nothing was changed. Please try again.",
    "assignments.error.unknown":
      "The form named an activity or a person that cannot be assigned here: nothing was changed. Reload the page and try again.",
  },
  {
    "synthetic.badge": "Données de démonstration synthétiques",
    "synthetic.explanation":
      "Chiffres inventés, générés pour essayer Throughline. Ils ne décrivent aucune organisation réelle et ne sont jamais mêlés aux plans sourcés.",

    "indicators.title": "Indicateurs",
    "indicators.intro":
      "Ce que le plan mesure, comment les valeurs se combinent dans le temps, et les cibles auxquelles les résultats sont comparés. Ouvrez un indicateur pour voir ses cibles, ses résultats approuvés et son historique.",
    "indicators.caption": "Indicateurs du plan ({count})",
    "indicators.empty": "Ce plan n’a encore aucun indicateur.",
    "indicators.new": "Nouvel indicateur",
    "indicators.newIntro":
      "Définissez ce qui est mesuré et comment. Les cibles peuvent être saisies maintenant ou plus tard ; une fois des résultats déclarés, toute modification des cibles, de la référence, de la désagrégation ou du mode de cumul doit être justifiée, et chaque version antérieure reste consultable.",
    "indicators.edit": "Modifier l’indicateur",
    "indicators.editIntro":
      "Aucun résultat n’a encore été déclaré : toute modification est possible. La version précédant votre modification est conservée dans l’historique.",
    "indicators.editIntroResults":
      "Des résultats ont été déclarés pour cet indicateur ({count} saisies au-delà des brouillons). Les saisies déclarées ne sont jamais modifiées par ce que vous faites ici ; la version précédant votre modification est conservée dans l’historique.",
    "indicators.eyebrow": "Indicateur",
    "indicators.revision": "Révision {revision}",
    "indicators.current": "En vigueur",
    "indicators.noDimensions": "Non désagrégé",
    "indicators.noBaseline": "Aucune valeur de référence enregistrée.",
    "indicators.noTargets": "Aucune cible n’a été fixée.",
    "indicators.unknownLevel": "Niveau {level}",
    "indicators.toleranceValue": "à ± {tolerance} près",
    "indicators.locked": "Verrouillée",
    "indicators.overPlan": "Sur l’ensemble du plan",
    "indicators.period.lop": "Toute la durée du plan",
    "indicators.results": "Cibles et résultats approuvés",
    "indicators.resultsHint.per_period":
      "Chaque période compte pour elle-même : le réalisé est ce qui a été déclaré pendant la période, et le total du plan en est la somme.",
    "indicators.resultsHint.cumulative":
      "Les déclarations sont des accroissements : le réalisé est le total cumulé à la fin de chaque période, et les cibles sont elles aussi des totaux cumulés.",
    "indicators.resultsHint.latest":
      "Les déclarations sont des niveaux : le réalisé est le dernier niveau déclaré jusqu’à chaque période ; les cibles sont le niveau attendu à ce moment-là.",
    "indicators.resultsCaption": "Cibles et résultats approuvés ({count} saisies approuvées)",
    "indicators.cellsCaption":
      "Résultats approuvés au regard des cibles fixées pour des valeurs de la désagrégation",
    "indicators.cellValue": "{actual} sur {target}",
    "indicators.targetSources": "Cibles énoncées par une source",
    "indicators.targetSourcesHint":
      "Ces cibles sont citées d’un document source. Une cible modifiée sur cette page ne porte plus sa citation.",
    "indicators.statusCounts":
      "Saisies : {approved} approuvées, {submitted} en attente de vérification, {returned} renvoyées, {draft} brouillons. Seules les saisies approuvées comptent.",
    "indicators.definitionHeading": "Définition",
    "indicators.entries": "Saisies approuvées",
    "indicators.entriesShown": "Les {shown} plus récentes des {count} saisies approuvées.",
    "indicators.breakdownSummary": "Ventilation ({count} cellules)",
    "indicators.reportedUnder": "Déclarée sous la révision {revision}.",
    "indicators.earlierDimensions":
      "Sa ventilation suit la désagrégation de cette révision et est affichée telle qu’elle a été déclarée.",
    "indicators.history": "Historique",
    "indicators.noHistory": "Inchangé depuis sa création.",
    "indicators.fullHistory": "L’historique complet",
    "indicators.replacedOn": "remplacée le {when} par {who}",
    "indicators.changed": "Modifié : {changes}",
    "indicators.historyIntro":
      "Chaque version de l’indicateur, avec qui l’a remplacée, quand, ce que la modification a touché et pourquoi. Ouvrez une révision pour lire l’indicateur tel qu’il était alors, avec ses cibles.",
    "indicators.historyCaption": "Révisions ({count})",
    "indicators.revisionCurrent": "Cette version est celle en vigueur.",
    "indicators.revisionReplaced": "Cette version a été remplacée le {when} par {who}.",
    "indicators.previousRevision": "Révision {revision} (antérieure)",
    "indicators.nextRevision": "Révision {revision} (postérieure)",
    "indicators.targetsOfRevision": "Cibles de la révision {revision}",
    "indicators.entriesUnderRevision": "Saisies approuvées déclarées sous la révision {revision}",
    "indicators.noEntriesUnderRevision":
      "Aucune saisie approuvée n’a été déclarée pendant que cette version était en vigueur.",

    "indicators.table.code": "Code",
    "indicators.table.name": "Nom",
    "indicators.table.measures": "Mesure",
    "indicators.table.howCombined": "Combinaison des valeurs",
    "indicators.table.frequency": "Fréquence",
    "indicators.table.dimensions": "Désagrégation",
    "indicators.table.approved": "Saisies approuvées",
    "indicators.table.period": "Période",
    "indicators.table.total": "Total",
    "indicators.table.target": "Cible",
    "indicators.table.reported": "Déclaré sur la période",
    "indicators.table.actual": "Réalisé",
    "indicators.table.percent": "% de la cible",
    "indicators.table.revision": "Révision",
    "indicators.table.inForceUntil": "En vigueur jusqu’au",
    "indicators.table.changedBy": "Remplacée par",
    "indicators.table.changes": "Ce qui a changé",
    "indicators.table.rationale": "Motif",

    "indicators.measure.number": "Nombre",
    "indicators.measure.percentage": "Pourcentage",
    "indicators.measure.qualitative": "Qualitatif (échelle d’étapes)",
    "indicators.direction.increase": "Doit augmenter",
    "indicators.direction.decrease": "Doit diminuer",
    "indicators.direction.maintain": "Doit être maintenu",
    "indicators.aggregation.per_period": "Chaque période pour elle-même (somme)",
    "indicators.aggregation.cumulative": "Total cumulé (les déclarations sont des accroissements)",
    "indicators.aggregation.latest": "Dernier niveau (les déclarations sont des niveaux)",
    "indicators.frequency.life_of_plan": "Une fois, pour toute la durée du plan",
    "indicators.frequency.annual": "Annuelle",
    "indicators.frequency.semi_annual": "Semestrielle",
    "indicators.frequency.quarterly": "Trimestrielle",
    "indicators.frequency.monthly": "Mensuelle",
    "indicators.dimension.region": "Région",
    "indicators.dimension.gender": "Genre",
    "indicators.dimension.language": "Langue",
    "indicators.gender.women": "Femmes",
    "indicators.gender.men": "Hommes",
    "indicators.gender.trans": "Personnes trans",
    "indicators.change.wording": "nom, définition ou unité",
    "indicators.change.measure": "mesure",
    "indicators.change.scale": "échelle",
    "indicators.change.direction": "sens ou tolérance",
    "indicators.change.aggregation": "combinaison des valeurs",
    "indicators.change.frequency": "fréquence",
    "indicators.change.baseline": "valeur de référence",
    "indicators.change.dimensions": "désagrégation",
    "indicators.change.targets": "cibles",
    "indicators.change.verification": "moyens de vérification ou source des données",
    "indicators.change.responsible": "personne responsable",
    "indicators.change.elements": "éléments mesurés",

    "indicators.form.identity": "Ce qui est mesuré",
    "indicators.form.measure": "Mesure, sens et fréquence",
    "indicators.form.baseline": "Valeur de référence",
    "indicators.form.dimensions": "Désagrégation",
    "indicators.form.dimensionsHint":
      "Les déclarations donnent une valeur pour chaque combinaison des dimensions cochées (par exemple région × genre), et le total en est la somme. Retirer une dimension plus tard conserve les ventilations déjà déclarées.",
    "indicators.form.customDimension": "Dimension personnalisée {number}",
    "indicators.form.elements": "Éléments mesurés",
    "indicators.form.elementsHint": "Cochez au moins un objectif, une stratégie ou une activité du plan.",
    "indicators.form.verification": "Vérification et responsabilité",
    "indicators.form.targets": "Cibles",
    "indicators.form.targetsHint.per_period":
      "Saisissez la valeur attendue pour chaque période. Laissez une période vide si elle n’a pas de cible.",
    "indicators.form.targetsHint.cumulative":
      "Saisissez le total cumulé attendu à la fin de chaque période (et non l’accroissement). Laissez une période vide si elle n’a pas de cible.",
    "indicators.form.targetsHint.latest":
      "Saisissez le niveau attendu à la fin de chaque période. Laissez une période vide si elle n’a pas de cible.",
    "indicators.form.updateHint":
      "Après avoir changé la fréquence, la désagrégation ou l’échelle, appuyez sur « Mettre à jour le formulaire » en bas de page pour afficher le tableau de cibles correspondant. Rien n’est enregistré tant que vous n’appuyez pas sur le bouton d’enregistrement.",
    "indicators.form.targetsCaption": "Cibles par période ({count} périodes)",
    "indicators.form.targetFor": "Cible pour {period}, {cell}",
    "indicators.form.rationale": "Pourquoi",
    "indicators.form.create": "Créer l’indicateur",
    "indicators.form.save": "Enregistrer les modifications",
    "indicators.form.update": "Mettre à jour le formulaire (sans enregistrer)",
    "indicators.form.hasErrors": "Rien n’a été enregistré. Vérifiez les champs signalés ci-dessous.",

    "indicators.field.code": "Code",
    "indicators.field.codeHint":
      "Court et unique dans le plan, par exemple I4 ou O1.I2. Il ne pourra plus être modifié ensuite.",
    "indicators.field.codeFixed":
      "(le code ne change pas : les rapports, les imports et les liens l’utilisent)",
    "indicators.field.name": "Nom",
    "indicators.field.definition": "Définition",
    "indicators.field.measure": "Mesure",
    "indicators.field.scale": "Échelle d’étapes (indicateurs qualitatifs seulement)",
    "indicators.field.scaleHint":
      "Un niveau par ligne, du premier au dernier, sous la forme « English | français » (le français est facultatif). Une déclaration désigne un niveau par son numéro, à partir de 0.",
    "indicators.field.unit": "Unité",
    "indicators.field.direction": "Sens souhaité",
    "indicators.field.tolerance": "Tolérance (pour « doit être maintenu »)",
    "indicators.field.toleranceHint": "L’écart à la cible qui compte encore comme maintenu, par exemple 5.",
    "indicators.field.aggregation": "Combinaison des valeurs dans le temps",
    "indicators.field.aggregationHint":
      "Chaque période pour elle-même : les périodes s’additionnent. Total cumulé : chaque déclaration s’ajoute aux précédentes. Dernier niveau : chaque déclaration remplace la précédente (par exemple, le nombre de membres aujourd’hui).",
    "indicators.field.frequency": "Fréquence des déclarations et des cibles",
    "indicators.field.frequencyHint":
      "Les périodes suivent le calendrier et sont ramenées aux dates du plan.",
    "indicators.field.baseline": "Valeur de référence",
    "indicators.field.baselineValue": "Valeur de référence",
    "indicators.field.baselineDate": "Date de la valeur de référence",
    "indicators.field.dateHint": "AAAA-MM-JJ",
    "indicators.field.baselineNote": "Note sur la valeur de référence",
    "indicators.field.customCode": "Code de la dimension",
    "indicators.field.customCodeHint": "Lettres minuscules, chiffres et _, par exemple tranche_age.",
    "indicators.field.customLabel": "Nom de la dimension",
    "indicators.field.customValues": "Valeurs",
    "indicators.field.customValuesHint":
      "Une valeur par ligne, sous la forme « code: English | français », par exemple « youth: Under 25 | Moins de 25 ans ». Le code (avant les deux-points) est facultatif ; ne le changez plus une fois qu’il est utilisé dans des déclarations.",
    "indicators.field.meansOfVerification": "Moyens de vérification",
    "indicators.field.dataSource": "Source des données",
    "indicators.field.responsible": "Personne responsable",
    "indicators.field.nobody": "Personne pour l’instant",
    "indicators.field.targetsByCell":
      "Fixer aussi des cibles pour chaque valeur de la désagrégation (par exemple pour les femmes)",
    "indicators.field.rationale":
      "Motif de la modification (conservé dans l’historique et le journal d’audit)",
    "indicators.field.rationaleHint": "Facultatif tant qu’aucun résultat n’a été déclaré.",
    "indicators.field.rationaleRequiredHint":
      "Obligatoire pour modifier les cibles, la valeur de référence, la désagrégation, la combinaison des valeurs, le sens ou l’échelle : {count} saisies ont été déclarées.",

    "indicators.error.codeFormat":
      "Utilisez des lettres, des chiffres, des points et des tirets (40 au plus), en commençant par une lettre ou un chiffre.",
    "indicators.error.codeReserved": "« new » ne peut pas être le code d’un indicateur.",
    "indicators.error.codeTaken": "Un autre indicateur de ce plan a déjà ce code.",
    "indicators.error.nameRequired": "Saisissez le nom en anglais.",
    "indicators.error.englishFirst":
      "Saisissez aussi le texte anglais : les autres langues en sont des traductions.",
    "indicators.error.tooLong": "{max} caractères au plus.",
    "indicators.error.choose": "Choisissez l’une des options.",
    "indicators.error.scaleLevels":
      "Un indicateur qualitatif a besoin d’une échelle ordonnée de 2 à 20 niveaux, un par ligne, chacun avec un libellé anglais.",
    "indicators.error.scaleInUse":
      "Des saisies déclarées utilisent l’échelle jusqu’au niveau {levels} : gardez au moins {levels} niveaux.",
    "indicators.error.toleranceRequired":
      "Un indicateur à maintenir a besoin d’une tolérance de 0 ou plus : l’écart à la cible qui compte encore.",
    "indicators.error.notANumber": "Saisissez un nombre, par exemple 12 ou 12,5.",
    "indicators.error.negative": "Un effectif ne peut pas être négatif.",
    "indicators.error.notWhole": "Cet indicateur compte : donnez un nombre entier, sans décimales.",
    "indicators.error.percentageRange": "Un pourcentage est compris entre 0 et 100.",
    "indicators.error.notOnScale": "Choisissez un niveau de l’échelle (de 0 à {max}).",
    "indicators.error.date": "Saisissez une date sous la forme AAAA-MM-JJ.",
    "indicators.error.baselineFuture":
      "Une valeur de référence est mesurée : sa date ne peut pas être dans le futur.",
    "indicators.error.baselineIncomplete":
      "Une date ou une note de référence a besoin d’une valeur de référence.",
    "indicators.error.customCode":
      "Nommez la dimension avec des lettres minuscules, des chiffres et _ (par exemple tranche_age) ; la région, le genre et la langue se cochent plus haut.",
    "indicators.error.customRepeated": "La dimension « {code} » apparaît deux fois.",
    "indicators.error.customLabel": "Donnez un nom anglais à la dimension.",
    "indicators.error.customValues": "Indiquez au moins deux valeurs, une par ligne.",
    "indicators.error.customValueCode":
      "« {value} » : une valeur a besoin d’un libellé anglais, et son code ne peut contenir que des lettres minuscules, des chiffres, - et _.",
    "indicators.error.customValueRepeated": "La valeur « {value} » apparaît deux fois.",
    "indicators.error.elementsRequired": "Cochez au moins un élément mesuré par l’indicateur.",
    "indicators.error.responsibleUnknown": "Choisissez une personne dans la liste.",
    "indicators.error.targetPeriods":
      "Des cibles ont été saisies pour des périodes ou des valeurs que ce formulaire n’a plus (la fréquence ou la désagrégation a changé). Appuyez sur « Mettre à jour le formulaire » pour voir le nouveau tableau, puis saisissez à nouveau les cibles.",
    "indicators.error.rationaleRequired":
      "Des résultats ont été déclarés ({count} saisies) : indiquez pourquoi vous modifiez : {changes}. Rien n’a été enregistré.",
    "indicators.error.fixed.measure":
      "Des résultats ont été déclarés dans cette mesure : elle ne peut plus changer. Créez plutôt un nouvel indicateur.",
    "indicators.error.fixed.frequency":
      "Des résultats ont été déclarés pour ces périodes : la fréquence ne peut plus changer. Créez plutôt un nouvel indicateur.",
    "indicators.error.stale":
      "Quelqu’un a modifié cet indicateur pendant que vous le modifiiez (il en est à la révision {revision}). Rien n’a été enregistré. Consultez son historique ; enregistrer à nouveau remplacera cette version par ce que vous avez saisi ici.",

    "assignments.title": "Qui est responsable de quelle activité",
    "assignments.intro":
      "Les personnes responsables de chaque activité. Leurs activités apparaissent en premier quand elles déclarent des progrès.",
    "assignments.introManage":
      "Cochez qui est responsable de chaque activité. Ses activités apparaissent en premier quand elle déclare des progrès. Les modifications sont conservées dans le journal d’audit.",
    "assignments.caption": "Activités du plan ({count})",
    "assignments.activity": "Activité",
    "assignments.responsible": "Responsables",
    "assignments.nobody": "Personne pour l’instant",
    "assignments.checkbox": "{person} est responsable de {activity}",
    "assignments.save": "Enregistrer les responsabilités",
    "assignments.saved": "Les responsabilités ont été enregistrées.",
    "assignments.noActivities": "Ce plan n’a aucune activité.",
    "assignments.error.incomplete":
      "Le formulaire était incomplet : rien n’a été modifié. Veuillez réessayer.",
    "assignments.error.unknown":
      "Le formulaire désignait une activité ou une personne qui ne peut pas être affectée ici : rien n’a été modifié. Rechargez la page et réessayez.",
  },
);
