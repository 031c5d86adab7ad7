import { defineMessages } from "../i18n/define";

export const messages = defineMessages(
  {
    "imports.nav": "Import",
    "imports.title": "Import progress from a CSV file",
    "imports.intro":
      "Bring many figures in at once: download the template, fill in one row per value, then check the file. Nothing is written until you confirm, and then everything is written or nothing. Imported entries are submitted: they count only once an M&E officer approves them.",
    "imports.koboLink":
      "Figures collected with KoboToolbox forms can be pulled in directly: see KoboToolbox.",
    "imports.plan": "Plan",
    "imports.show": "Show",
    "imports.synthetic": "synthetic demo data",
    "imports.noPlans": "There is no plan to import into yet.",
    "imports.templates": "Templates",
    "imports.templatePlan": "Template for every indicator of this plan",
    "imports.templateElements": "Templates for the indicators of one element",
    "imports.templateHint":
      "A template is the header row only: add one row per value below it. Save it as “CSV UTF-8”. The file format is described in the guide “Importing data”.",
    "imports.noIndicators": "This plan has no indicators yet, so there is nothing to import into it.",
    "imports.columns": "What each column holds",
    "imports.column": "Column",
    "imports.meaning": "What to write",
    "imports.col.indicator": "The indicator's code, as listed below (for example I1).",
    "imports.col.period":
      "The period: 2011 (annual), 2011-H1 (half year), 2011-Q3 (quarter), 2011-07 (month) or lop (the whole plan), as the indicator's frequency says.",
    "imports.col.reported_on":
      "The date the figure was reported, written YYYY-MM-DD (for example 2011-06-30).",
    "imports.col.dimension":
      "Leave it empty on the row that gives the total; on a breakdown row, one of the values listed for the indicator.",
    "imports.col.value":
      "The figure: a number with a dot for decimals (a percentage from 0 to 100; a milestone: its level number or name).",
    "imports.col.narrative": "Optional: what happened. Written once per entry is enough.",
    "imports.rowsRule":
      "Rows with the same indicator and period form one entry. A row whose breakdown cells are empty gives the total; the other rows give the breakdown, and the total is their sum (a total given as well must equal it). Do not start a cell with =, +, @ or - (except a negative number): spreadsheets would run it as a formula.",
    "imports.indicators": "Indicators of this plan",
    "imports.code": "Code",
    "imports.name": "Name",
    "imports.measure": "Measure",
    "imports.periods": "Periods",
    "imports.breakdown": "Breakdown",
    "imports.none": "none",
    "imports.measure.number": "number",
    "imports.measure.percentage": "percentage (0–100)",
    "imports.measure.qualitative": "milestone",
    "imports.levels": "Levels",
    "imports.locked": "locked: {periods}",
    "imports.upload": "Check a file",
    "imports.file": "CSV file",
    "imports.fileHint": "UTF-8 text, at most {size}. Checking writes nothing.",
    "imports.check": "Check the file",
    "imports.fileRequired": "Choose a CSV file.",
    "imports.fileNotText": "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”.",
    "imports.tooLarge": "The file is larger than {size}. Split it into smaller files.",
    "imports.planUnknown": "Choose a plan.",
    "imports.expired":
      "The checked file is no longer held (a checked file is kept for 30 minutes). Choose it again and check it.",
    "imports.preview": "Check result",
    "imports.previewSummary": "“{file}” for {plan}: {rows} rows, {entries} entries.",
    "imports.problems": "Problems",
    "imports.problemsIntro":
      "Nothing can be imported until every problem is fixed. Correct the file, then check it again. Rows are numbered as in a spreadsheet: the header is row 1.",
    "imports.problemCount": "Problems found: {count}.",
    "imports.problemsMore":
      "The first {shown} problems are listed; fix them and check again to see the rest.",
    "imports.row": "Row",
    "imports.problem": "Problem",
    "imports.wholeRow": "whole row",
    "imports.ready": "No problem found. Entries ready to import (they will wait for verification): {count}.",
    "imports.alreadyImported":
      "Entries imported before (same indicator, period, date and figures), which will be skipped: {count}, on rows {rows}.",
    "imports.nothingNew":
      "Every entry of this file has already been imported: there is nothing new to import.",
    "imports.commit": "Import the entries ({count})",
    "imports.discard": "Discard this file",
    "imports.commitRefused":
      "The file was checked again before writing and is now refused: nothing was written.",
    "imports.done":
      "Imported from “{file}” into {plan}: {entries} entries ({rows} rows); skipped as already imported: {skipped}. The entries are waiting for verification.",
    "imports.audit": "Each import is one entry of the audit trail.",

    "imports.problem.unterminatedQuote":
      "A quoted cell starts here but its closing quote is missing, so the rest of the file cannot be read.",
    "imports.problem.strayQuote":
      "A quote mark inside a cell that is not in quotes. Put the whole cell in double quotes and double the quote mark.",
    "imports.problem.textAfterQuote": "Text follows the closing quote of this cell.",
    "imports.problem.emptyFile": "The file is empty: it needs the header row and at least one row of values.",
    "imports.problem.unknownColumn": "Unknown column “{column}”. The columns are: {expected}.",
    "imports.problem.missingColumn": "The column “{column}” is missing.",
    "imports.problem.repeatedColumn": "The column “{column}” appears more than once.",
    "imports.problem.cellCount": "This row has {found} cells; the header has {expected}.",
    "imports.problem.formula":
      "The cell starts with “{prefix}”, which a spreadsheet would run as a formula. Remove that character.",
    "imports.problem.required": "This cell is empty; it needs a value.",
    "imports.problem.unknownIndicator": "There is no indicator “{value}” in this plan.",
    "imports.problem.notADate": "“{value}” is not a date written YYYY-MM-DD.",
    "imports.problem.notANumber": "“{value}” is not a number (write decimals with a dot).",
    "imports.problem.negative": "A count cannot be negative.",
    "imports.problem.notWhole": "This indicator counts: the value must be a whole number, without decimals.",
    "imports.problem.percentageRange": "A percentage must be between 0 and 100.",
    "imports.problem.notOnScale": "This is not a level of the indicator's milestone scale.",
    "imports.problem.notDisaggregated":
      "Indicator {indicator} is not broken down by {dimension}: leave this cell empty.",
    "imports.problem.outsidePlan": "“{period}” is not one of this indicator's periods in the plan.",
    "imports.problem.notStarted": "The period {period} has not started yet.",
    "imports.problem.inFuture": "The date {date} is in the future.",
    "imports.problem.locked": "The period {period} is locked: an M&E officer must unlock it first.",
    "imports.problem.unknownValue": "“{value}” is not a known value of {dimension}.",
    "imports.problem.missingDimension": "This breakdown row gives no {dimension}.",
    "imports.problem.contradictsBreakdown":
      "The total {total} does not match its breakdown, which adds up to {sum}.",
    "imports.problem.duplicateRow": "Same indicator, period and breakdown cell as row {other}.",
    "imports.problem.dateDiffers":
      "Row {other} gives the same indicator and period the date {date}: one entry has one date.",
    "imports.problem.narrativeTooLong": "The narrative is longer than {max} characters.",
  },
  {
    "imports.nav": "Importer",
    "imports.title": "Importer des progrès depuis un fichier CSV",
    "imports.intro":
      "Saisissez beaucoup de chiffres d’un coup : téléchargez le modèle, remplissez une ligne par valeur, puis faites vérifier le fichier. Rien n’est enregistré avant votre confirmation, et alors tout est enregistré ou rien. Les saisies importées sont soumises : elles ne comptent qu’une fois approuvées par un·e responsable S&E.",
    "imports.koboLink":
      "Les chiffres recueillis avec des formulaires KoboToolbox peuvent être importés directement : voir KoboToolbox.",
    "imports.plan": "Plan",
    "imports.show": "Afficher",
    "imports.synthetic": "données de démonstration synthétiques",
    "imports.noPlans": "Il n’y a encore aucun plan dans lequel importer.",
    "imports.templates": "Modèles",
    "imports.templatePlan": "Modèle pour tous les indicateurs de ce plan",
    "imports.templateElements": "Modèles pour les indicateurs d’un élément",
    "imports.templateHint":
      "Un modèle ne contient que la ligne d’en-tête : ajoutez en dessous une ligne par valeur. Enregistrez-le au format « CSV UTF-8 ». Le format du fichier est décrit dans le guide « Importer des données ».",
    "imports.noIndicators": "Ce plan n’a pas encore d’indicateur : il n’y a rien à y importer.",
    "imports.columns": "Contenu de chaque colonne",
    "imports.column": "Colonne",
    "imports.meaning": "Quoi écrire",
    "imports.col.indicator": "Le code de l’indicateur, tel que listé ci-dessous (par exemple I1).",
    "imports.col.period":
      "La période : 2011 (année), 2011-H1 (semestre), 2011-Q3 (trimestre), 2011-07 (mois) ou lop (tout le plan), selon la fréquence de l’indicateur.",
    "imports.col.reported_on":
      "La date à laquelle le chiffre a été rapporté, au format AAAA-MM-JJ (par exemple 2011-06-30).",
    "imports.col.dimension":
      "Laissez-la vide sur la ligne qui donne le total ; sur une ligne de ventilation, l’une des valeurs indiquées pour l’indicateur.",
    "imports.col.value":
      "Le chiffre : un nombre avec un point pour les décimales (un pourcentage de 0 à 100 ; un jalon : le numéro ou le nom de son niveau).",
    "imports.col.narrative": "Facultatif : ce qui s’est passé. Une fois par saisie suffit.",
    "imports.rowsRule":
      "Les lignes qui ont le même indicateur et la même période forment une saisie. Une ligne dont les cellules de ventilation sont vides donne le total ; les autres donnent la ventilation, et le total est leur somme (un total donné en plus doit lui être égal). Ne commencez pas une cellule par =, +, @ ou - (sauf un nombre négatif) : un tableur l’exécuterait comme une formule.",
    "imports.indicators": "Indicateurs de ce plan",
    "imports.code": "Code",
    "imports.name": "Nom",
    "imports.measure": "Mesure",
    "imports.periods": "Périodes",
    "imports.breakdown": "Ventilation",
    "imports.none": "aucune",
    "imports.measure.number": "nombre",
    "imports.measure.percentage": "pourcentage (0–100)",
    "imports.measure.qualitative": "jalon",
    "imports.levels": "Niveaux",
    "imports.locked": "verrouillées : {periods}",
    "imports.upload": "Vérifier un fichier",
    "imports.file": "Fichier CSV",
    "imports.fileHint": "Texte UTF-8, {size} au plus. La vérification n’enregistre rien.",
    "imports.check": "Vérifier le fichier",
    "imports.fileRequired": "Choisissez un fichier CSV.",
    "imports.fileNotText":
      "Le fichier n’est pas un texte UTF-8. Dans votre tableur, enregistrez-le au format « CSV UTF-8 ».",
    "imports.tooLarge": "Le fichier dépasse {size}. Découpez-le en fichiers plus petits.",
    "imports.planUnknown": "Choisissez un plan.",
    "imports.expired":
      "Le fichier vérifié n’est plus conservé (un fichier vérifié est gardé 30 minutes). Choisissez-le de nouveau et faites-le vérifier.",
    "imports.preview": "Résultat de la vérification",
    "imports.previewSummary": "« {file} » pour {plan} : {rows} lignes, {entries} saisies.",
    "imports.problems": "Problèmes",
    "imports.problemsIntro":
      "Rien ne peut être importé tant que tous les problèmes ne sont pas corrigés. Corrigez le fichier, puis faites-le vérifier de nouveau. Les lignes sont numérotées comme dans un tableur : l’en-tête est la ligne 1.",
    "imports.problemCount": "Problèmes trouvés : {count}.",
    "imports.problemsMore":
      "Les {shown} premiers problèmes sont listés ; corrigez-les et faites vérifier de nouveau pour voir les suivants.",
    "imports.row": "Ligne",
    "imports.problem": "Problème",
    "imports.wholeRow": "toute la ligne",
    "imports.ready":
      "Aucun problème trouvé. Saisies prêtes à être importées (elles attendront d’être vérifiées) : {count}.",
    "imports.alreadyImported":
      "Saisies déjà importées (même indicateur, période, date et chiffres), qui seront ignorées : {count}, aux lignes {rows}.",
    "imports.nothingNew":
      "Toutes les saisies de ce fichier ont déjà été importées : il n’y a rien de nouveau à importer.",
    "imports.commit": "Importer les saisies ({count})",
    "imports.discard": "Abandonner ce fichier",
    "imports.commitRefused":
      "Le fichier a été vérifié de nouveau avant l’enregistrement et il est maintenant refusé : rien n’a été enregistré.",
    "imports.done":
      "Import de « {file} » dans {plan} : {entries} saisies ({rows} lignes) ; ignorées car déjà importées : {skipped}. Les saisies attendent d’être vérifiées.",
    "imports.audit": "Chaque import est une entrée du journal d’audit.",

    "imports.problem.unterminatedQuote":
      "Une cellule entre guillemets commence ici mais son guillemet fermant manque : la suite du fichier ne peut pas être lue.",
    "imports.problem.strayQuote":
      "Un guillemet dans une cellule qui n’est pas entre guillemets. Mettez toute la cellule entre guillemets droits et doublez le guillemet.",
    "imports.problem.textAfterQuote": "Du texte suit le guillemet fermant de cette cellule.",
    "imports.problem.emptyFile":
      "Le fichier est vide : il lui faut la ligne d’en-tête et au moins une ligne de valeurs.",
    "imports.problem.unknownColumn": "Colonne inconnue « {column} ». Les colonnes sont : {expected}.",
    "imports.problem.missingColumn": "La colonne « {column} » manque.",
    "imports.problem.repeatedColumn": "La colonne « {column} » apparaît plusieurs fois.",
    "imports.problem.cellCount": "Cette ligne a {found} cellules ; l’en-tête en a {expected}.",
    "imports.problem.formula":
      "La cellule commence par « {prefix} », qu’un tableur exécuterait comme une formule. Retirez ce caractère.",
    "imports.problem.required": "Cette cellule est vide ; il lui faut une valeur.",
    "imports.problem.unknownIndicator": "Il n’y a pas d’indicateur « {value} » dans ce plan.",
    "imports.problem.notADate": "« {value} » n’est pas une date au format AAAA-MM-JJ.",
    "imports.problem.notANumber": "« {value} » n’est pas un nombre (écrivez les décimales avec un point).",
    "imports.problem.negative": "Un nombre ne peut pas être négatif.",
    "imports.problem.notWhole":
      "Cet indicateur compte : la valeur doit être un nombre entier, sans décimales.",
    "imports.problem.percentageRange": "Un pourcentage doit être compris entre 0 et 100.",
    "imports.problem.notOnScale": "Ce n’est pas un niveau de l’échelle de jalons de l’indicateur.",
    "imports.problem.notDisaggregated":
      "L’indicateur {indicator} n’est pas ventilé par {dimension} : laissez cette cellule vide.",
    "imports.problem.outsidePlan": "« {period} » n’est pas une des périodes de cet indicateur dans le plan.",
    "imports.problem.notStarted": "La période {period} n’a pas encore commencé.",
    "imports.problem.inFuture": "La date {date} est dans le futur.",
    "imports.problem.locked":
      "La période {period} est verrouillée : un·e responsable S&E doit d’abord la déverrouiller.",
    "imports.problem.unknownValue": "« {value} » n’est pas une valeur connue de {dimension}.",
    "imports.problem.missingDimension": "Cette ligne de ventilation ne donne pas de {dimension}.",
    "imports.problem.contradictsBreakdown":
      "Le total {total} ne correspond pas à sa ventilation, dont la somme est {sum}.",
    "imports.problem.duplicateRow":
      "Même indicateur, même période et même cellule de ventilation que la ligne {other}.",
    "imports.problem.dateDiffers":
      "La ligne {other} donne à ce même indicateur et cette même période la date {date} : une saisie a une seule date.",
    "imports.problem.narrativeTooLong": "Le récit dépasse {max} caractères.",
  },
);
