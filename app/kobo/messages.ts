import { defineMessages } from "../i18n/define";

export const messages = defineMessages(
  {
    "kobo.title": "KoboToolbox",
    "kobo.intro":
      "Submissions to a KoboToolbox form become draft entries for you to review and submit. Each connection reads one form into one plan; a sync fetches only what arrived since the last one.",
    "kobo.connections": "Connections",
    "kobo.noConnections": "There is no connection yet.",
    "kobo.newConnection": "New connection",
    "kobo.column.name": "Name",
    "kobo.column.plan": "Plan",
    "kobo.column.form": "Form",
    "kobo.column.lastRun": "Last sync",
    "kobo.never": "Never synced",
    "kobo.runSummary": "{fetched} fetched, {created} created as drafts",
    "kobo.outcome.succeeded": "Succeeded",
    "kobo.outcome.failed": "Failed",
    "kobo.mocksNotice":
      "Mock mode: the KoboToolbox server {server} is simulated (API token {token}; forms {forms}; {failing} always fails). Nothing leaves this computer.",

    "kobo.connection.name": "Name",
    "kobo.connection.nameHint": "For you and your colleagues, e.g. “Academy cycle reports”.",
    "kobo.connection.plan": "Plan",
    "kobo.connection.planHint":
      "The submissions become entries for this plan's indicators. It cannot be changed later.",
    "kobo.connection.serverUrl": "Server address",
    "kobo.connection.serverUrlHint":
      "The address of your KoboToolbox server, e.g. https://kf.kobotoolbox.org or https://eu.kobotoolbox.org.",
    "kobo.connection.token": "API token",
    "kobo.connection.tokenHint":
      "In KoboToolbox: Account settings → Security → API key. It is stored encrypted and never shown again.",
    "kobo.connection.tokenKeepHint":
      "A token is stored. Leave this empty to keep it, or paste a new one to replace it.",
    "kobo.connection.assetUid": "Form id (asset uid)",
    "kobo.connection.assetUidHint":
      "The part of the form's address after /forms/, e.g. aXe5HBr3fUNSGqf6ocNXRk.",
    "kobo.connection.create": "Create and map the fields",
    "kobo.connection.save": "Save",
    "kobo.connection.nameRequired": "Give the connection a name (at most 200 characters).",
    "kobo.connection.planUnknown": "Choose one of the plans.",
    "kobo.connection.serverUrlInvalid":
      "This is not a server address: type it as https://host, without a user name, query or fragment.",
    "kobo.connection.serverUrlHttps":
      "The address must start with https:// (the token must not travel unencrypted).",
    "kobo.connection.serverUrlHttpsDemo":
      "The address must start with https:// (on a demo installation, http://localhost and http://127.0.0.1 are allowed too).",
    "kobo.connection.tokenRequired":
      "Paste the API token of the KoboToolbox account that owns or shares the form.",
    "kobo.connection.tokenInvalid": "An API token is letters and digits only (at most 200).",
    "kobo.connection.tokenForNewServer":
      "The server address has changed: paste the API token again (a stored token is never sent to another server).",
    "kobo.connection.assetUidInvalid":
      "A form id is letters and digits only (5 to 64), e.g. aXe5HBr3fUNSGqf6ocNXRk.",
    "kobo.connection.created":
      "The connection is created. Now map the form's fields to the plan's indicators.",
    "kobo.connection.saved": "Saved.",
    "kobo.connection.fixBelow": "Nothing was saved: correct the fields marked below.",

    "kobo.detail.settings": "Connection",
    "kobo.detail.server": "Server",
    "kobo.detail.form": "Form id",
    "kobo.detail.token": "API token",
    "kobo.detail.tokenStored": "stored encrypted",
    "kobo.detail.syncPoint": "Synced up to",
    "kobo.detail.syncPointNone": "nothing synced yet: the next sync fetches every submission",
    "kobo.detail.edit": "Edit the connection and the mapping",
    "kobo.detail.mapping": "Mapping",
    "kobo.detail.mappingEmpty":
      "Nothing is mapped yet: a sync needs a period field and at least one indicator.",
    "kobo.detail.period": "Period",
    "kobo.detail.periodFromDate": "{field} (a date: the period that contains it)",
    "kobo.detail.periodFromKey": "{field} (a period such as 2014 or 2014-Q2)",
    "kobo.detail.reportedOn": "Date reported",
    "kobo.detail.reportedOnSubmission": "the day of the submission",
    "kobo.detail.narrative": "Narrative",
    "kobo.detail.none": "none",
    "kobo.detail.indicator": "Indicator",
    "kobo.detail.fields": "Fields",
    "kobo.detail.totalField": "total: {field}",
    "kobo.detail.totalOnly": "total only",
    "kobo.dimension.region": "Region",
    "kobo.dimension.gender": "Gender",
    "kobo.dimension.language": "Language",
    "kobo.sync.title": "Sync",
    "kobo.sync.intro":
      "Fetches the submissions received since the last sync and turns them into draft entries entered by you. Either everything is saved or nothing is.",
    "kobo.sync.now": "Sync now",
    "kobo.sync.notReady": "Map the form's fields first (a period field and at least one indicator).",
    "kobo.sync.running":
      "A sync of this connection is already running since {since}. Nothing was done: wait for it to finish, then find its report in the list of runs.",
    "kobo.restart.title": "Start over",
    "kobo.restart.intro":
      "The next sync fetches every submission again. Entries already imported are recognised and not created twice.",
    "kobo.restart.button": "Fetch everything at the next sync",
    "kobo.delete.title": "Delete the connection",
    "kobo.delete.intro": "Deletes the connection and its sync history. The entries it created stay.",
    "kobo.delete.button": "Delete the connection",
    "kobo.delete.confirm": "Type the connection's name to confirm",
    "kobo.delete.mismatch": "Type the name exactly as shown to delete the connection.",
    "kobo.runs.title": "Sync history",
    "kobo.runs.none": "No sync yet.",
    "kobo.runs.when": "Started",
    "kobo.runs.outcome": "Result",
    "kobo.runs.fetched": "Fetched",
    "kobo.runs.created": "Created as drafts",

    "kobo.run.title": "Sync report",
    "kobo.run.started": "Started {when}",
    "kobo.run.fetched": "Submissions fetched",
    "kobo.run.created": "Draft entries created",
    "kobo.run.skipped": "Skipped",
    "kobo.run.failedNothingWritten": "The sync failed and nothing was written: {error}",
    "kobo.run.draftsNext":
      "The new entries are drafts entered by the person who ran the sync: review them and submit them for verification.",
    "kobo.run.formNotes": "The form",
    "kobo.run.formNotesIntro": "What this sync noticed about the form's fields:",
    "kobo.run.reasons": "Why submissions were skipped",
    "kobo.run.reason": "Reason",
    "kobo.run.count": "Submissions",
    "kobo.run.items": "Skipped submissions",
    "kobo.run.submission": "Submission",
    "kobo.run.indicator": "Indicator",
    "kobo.run.wholeSubmission": "all",
    "kobo.run.itemsShown": "The first {shown} of {total} are listed.",
    "kobo.run.back": "Back to the connection",
    "kobo.run.yourEntries": "Your entries",

    "kobo.error.auth":
      "the token was refused ({status}). Check the API token and that the form is shared with its account.",
    "kobo.error.notFound":
      "no such form on this server ({status}). Check the form id and the server address.",
    "kobo.error.server": "the server failed (HTTP {status}). Try again later.",
    "kobo.error.network": "the server could not be reached ({cause}). Check the address and try again later.",
    "kobo.error.networkUnexplained":
      "the server could not be reached. Check the address and try again later.",
    "kobo.error.timeout": "the server did not answer within {seconds} s. Try again later.",
    "kobo.error.redirect":
      "the server answered with a redirect (HTTP {status}): the server address is not the API's address.",
    "kobo.error.refused": "the server refused the request (HTTP {status}).",
    "kobo.error.shape": "the server's reply is not what KoboToolbox answers (wrong or missing: {where}).",
    "kobo.error.notJson":
      "the server's reply is not JSON: check that the server address is that of a KoboToolbox server.",
    "kobo.error.emptyPage": "the server announced a next page after an empty one (start {start}).",
    "kobo.error.replyTooLarge": "a reply of the server is larger than {megabytes} MB.",
    "kobo.error.tooManySubmissions": "there are more than {count} submissions to fetch in one sync.",
    "kobo.error.mapping": "the mapping does not fit the plan: {problem} Edit the mapping.",
    "kobo.error.mappingMore":
      "the mapping does not fit the plan: {problem} Other problems: {more}. Edit the mapping.",
    "kobo.error.mappingUnexplained": "the mapping does not fit the plan. Edit the mapping.",
    "kobo.error.mappingUnreadable": "the stored mapping cannot be read: save the mapping form again.",
    "kobo.error.token":
      "the stored token cannot be decrypted with this installation's APP_SECRET: enter the token again.",
    "kobo.error.database":
      "the database refused the entries (for example, a period was locked during the sync). Try again.",
    "kobo.error.unknown": "the reason was recorded in a form this version cannot read.",

    "kobo.skip.alreadyImported": "already imported",
    "kobo.skip.noAnswer": "field {field} has no answer",
    "kobo.skip.notANumber": "field {field}: “{value}” is not a number",
    "kobo.skip.notADate": "field {field}: “{value}” is not a date",
    "kobo.skip.dateOutsidePlan": "field {field}: {value} is in no period of the plan",
    "kobo.skip.outsidePlan": "period {period} is outside the plan",
    "kobo.skip.notStarted": "period {period} has not started yet",
    "kobo.skip.locked": "period {period} is locked",
    "kobo.skip.inFuture": "field {field}: {value} is in the future",
    "kobo.skip.negative": "field {field}: {value} is negative",
    "kobo.skip.notWhole": "field {field}: {value} is not a whole number, and the indicator counts",
    "kobo.skip.percentageRange": "field {field}: {value} is not a percentage between 0 and 100",
    "kobo.skip.notOnScale": "field {field}: {value} is not a level of the indicator's scale",
    "kobo.skip.unknownValue": "field {field}: “{value}” is not a known {dimension}",
    "kobo.skip.dimensionNoAnswer": "field {field} has no answer, so the {dimension} is not known",
    "kobo.skip.contradictsBreakdown":
      "field {field}: the total {total} is not the sum of its breakdown ({sum})",
    "kobo.skip.repeated": "field {field}: the breakdown gives the same combination twice",
    "kobo.skip.invalid": "{field}: {problem}",
    "kobo.skip.more": "and {count} more items, not kept",
    "kobo.form.fieldMissing":
      "no submission has the mapped field {field}: was the question renamed or removed?",
    "kobo.form.unmappedField": "submissions have a field the mapping does not use: {field}",

    "kobo.mapping.intro":
      "Type the form's field names as KoboToolbox exports them, with their group, e.g. group_event/region. Leave an indicator empty to ignore it.",
    "kobo.mapping.when": "Period and date",
    "kobo.mapping.periodField": "Field giving the period",
    "kobo.mapping.periodGives": "What this field gives",
    "kobo.mapping.periodFromDate": "A date: use the period that contains it",
    "kobo.mapping.periodFromKey": "A period: 2014 (annual), 2014-H1, 2014-Q2, 2014-05 or lop (life of plan)",
    "kobo.mapping.reportedOnField": "Field giving the date reported",
    "kobo.mapping.reportedOnHint": "Leave empty to use the day the submission reached KoboToolbox.",
    "kobo.mapping.narrativeField": "Field giving the narrative",
    "kobo.mapping.narrativeHint": "Optional: a text question copied into each entry's narrative.",
    "kobo.mapping.dimensions": "Disaggregation",
    "kobo.mapping.dimensionsIntro":
      "For each dimension, the field that gives it in a submission. If the form's choice names differ from ours, translate them, one per line: form choice = our value.",
    "kobo.mapping.dimensionField": "Field giving the {dimension}",
    "kobo.mapping.dimensionChoices": "Choice names to translate ({dimension})",
    "kobo.mapping.ourValues": "Our values: {values}",
    "kobo.mapping.indicators": "Indicators",
    "kobo.mapping.indicatorsIntro":
      "For each indicator: the field giving its total, and/or the fields giving parts of its breakdown, one per line: form field = dimension:value, dimension:value.",
    "kobo.mapping.valueField": "Field giving the total",
    "kobo.mapping.cells": "Fields giving parts of the breakdown",
    "kobo.mapping.cellsHint": "e.g. group_participants/women = gender:women",
    "kobo.mapping.totalOnly": "Record the total only (ignore the disaggregation)",
    "kobo.mapping.dimensionsOf": "Disaggregated by: {dimensions}",
    "kobo.mapping.noDimensionsOf": "Not disaggregated.",
    "kobo.mapping.noPlanIndicators": "This plan has no indicator yet: define its indicators first.",
    "kobo.mapping.periodRequired": "Name the field that gives the period (a date or a period).",
    "kobo.mapping.noIndicator": "Map at least one indicator.",
    "kobo.mapping.unknownDimension": "No indicator of this plan is disaggregated by {dimension}.",
    "kobo.mapping.unknownChoiceValue": "“{choice} = {value}”: {value} is not a value of {dimension}.",
    "kobo.mapping.unknownIndicator": "There is no indicator {code} in this plan.",
    "kobo.mapping.repeatedIndicator": "Indicator {code} is mapped twice.",
    "kobo.mapping.nothingMapped": "Indicator {code}: name the field giving its total or its breakdown.",
    "kobo.mapping.totalRequired":
      "Indicator {code} is a percentage or a milestone: its parts do not add up, so name the field giving its total too.",
    "kobo.mapping.cellsWithTotalOnly":
      "Indicator {code}: breakdown fields cannot be used when only the total is recorded.",
    "kobo.mapping.noDimensions": "Indicator {code} is not disaggregated: give only the field with its total.",
    "kobo.mapping.cellUnknownDimension": "Line {line}: indicator {code} is not disaggregated by {dimension}.",
    "kobo.mapping.cellUnknownValue": "Line {line}: {value} is not a value of {dimension}.",
    "kobo.mapping.cellAndField":
      "Line {line}: the {dimension} already comes from the field {field}; do not give it here too.",
    "kobo.mapping.cellMissingDimensions": "Line {line}: say which {dimensions} this field is for.",
    "kobo.mapping.repeatedCell": "Line {line}: this combination is given twice.",
    "kobo.mapping.partialDimensions":
      "Indicator {code}: the form gives its {given} but not its {missing}. Map {missing} too (a field, or breakdown fields), or record the total only.",
    "kobo.mapping.fieldName":
      "“{field}” is not a form field name: letters, digits, _ - and ., with / between a group and its question.",
    "kobo.mapping.choiceLine": "Line {line}: write it as form choice = our value.",
    "kobo.mapping.repeatedChoice": "Line {line}: the choice {choice} is translated twice.",
    "kobo.mapping.choicesWithoutField": "Name the field first: translations need a field.",
    "kobo.mapping.cellLine": "Line {line}: write it as form field = dimension:value, dimension:value.",
  },
  {
    "kobo.title": "KoboToolbox",
    "kobo.intro":
      "Les soumissions d'un formulaire KoboToolbox deviennent des saisies en brouillon, que vous vérifiez puis soumettez. Chaque connexion lit un formulaire pour un plan ; une synchronisation ne récupère que ce qui est arrivé depuis la précédente.",
    "kobo.connections": "Connexions",
    "kobo.noConnections": "Il n'y a encore aucune connexion.",
    "kobo.newConnection": "Nouvelle connexion",
    "kobo.column.name": "Nom",
    "kobo.column.plan": "Plan",
    "kobo.column.form": "Formulaire",
    "kobo.column.lastRun": "Dernière synchronisation",
    "kobo.never": "Jamais synchronisée",
    "kobo.runSummary": "{fetched} récupérées, {created} brouillons créés",
    "kobo.outcome.succeeded": "Réussie",
    "kobo.outcome.failed": "Échouée",
    "kobo.mocksNotice":
      "Mode simulé : le serveur KoboToolbox {server} est simulé (jeton d'API {token} ; formulaires {forms} ; {failing} échoue toujours). Rien ne sort de cet ordinateur.",

    "kobo.connection.name": "Nom",
    "kobo.connection.nameHint": "Pour vous et vos collègues, p. ex. « Rapports des cycles de l'Académie ».",
    "kobo.connection.plan": "Plan",
    "kobo.connection.planHint":
      "Les soumissions deviennent des saisies pour les indicateurs de ce plan. Il ne pourra plus être changé.",
    "kobo.connection.serverUrl": "Adresse du serveur",
    "kobo.connection.serverUrlHint":
      "L'adresse de votre serveur KoboToolbox, p. ex. https://kf.kobotoolbox.org ou https://eu.kobotoolbox.org.",
    "kobo.connection.token": "Jeton d'API",
    "kobo.connection.tokenHint":
      "Dans KoboToolbox : Paramètres du compte → Sécurité → Clé d'API. Il est conservé chiffré et n'est plus jamais affiché.",
    "kobo.connection.tokenKeepHint":
      "Un jeton est enregistré. Laissez ce champ vide pour le garder, ou collez-en un nouveau pour le remplacer.",
    "kobo.connection.assetUid": "Identifiant du formulaire (asset uid)",
    "kobo.connection.assetUidHint":
      "La partie de l'adresse du formulaire qui suit /forms/, p. ex. aXe5HBr3fUNSGqf6ocNXRk.",
    "kobo.connection.create": "Créer et faire correspondre les champs",
    "kobo.connection.save": "Enregistrer",
    "kobo.connection.nameRequired": "Donnez un nom à la connexion (200 caractères au plus).",
    "kobo.connection.planUnknown": "Choisissez l'un des plans.",
    "kobo.connection.serverUrlInvalid":
      "Ce n'est pas une adresse de serveur : écrivez-la sous la forme https://hôte, sans nom d'utilisateur, requête ni fragment.",
    "kobo.connection.serverUrlHttps":
      "L'adresse doit commencer par https:// (le jeton ne doit pas circuler en clair).",
    "kobo.connection.serverUrlHttpsDemo":
      "L'adresse doit commencer par https:// (sur une installation de démonstration, http://localhost et http://127.0.0.1 sont aussi acceptés).",
    "kobo.connection.tokenRequired":
      "Collez le jeton d'API du compte KoboToolbox qui possède le formulaire ou avec qui il est partagé.",
    "kobo.connection.tokenInvalid":
      "Un jeton d'API ne contient que des lettres et des chiffres (200 au plus).",
    "kobo.connection.tokenForNewServer":
      "L'adresse du serveur a changé : collez de nouveau le jeton d'API (un jeton enregistré n'est jamais envoyé à un autre serveur).",
    "kobo.connection.assetUidInvalid":
      "Un identifiant de formulaire ne contient que des lettres et des chiffres (de 5 à 64), p. ex. aXe5HBr3fUNSGqf6ocNXRk.",
    "kobo.connection.created":
      "La connexion est créée. Faites maintenant correspondre les champs du formulaire aux indicateurs du plan.",
    "kobo.connection.saved": "Enregistré.",
    "kobo.connection.fixBelow": "Rien n'a été enregistré : corrigez les champs signalés ci-dessous.",

    "kobo.detail.settings": "Connexion",
    "kobo.detail.server": "Serveur",
    "kobo.detail.form": "Identifiant du formulaire",
    "kobo.detail.token": "Jeton d'API",
    "kobo.detail.tokenStored": "conservé chiffré",
    "kobo.detail.syncPoint": "Synchronisé jusqu'au",
    "kobo.detail.syncPointNone":
      "rien n'est encore synchronisé : la prochaine synchronisation récupère toutes les soumissions",
    "kobo.detail.edit": "Modifier la connexion et la correspondance",
    "kobo.detail.mapping": "Correspondance",
    "kobo.detail.mappingEmpty":
      "Rien n'est encore mis en correspondance : une synchronisation demande un champ de période et au moins un indicateur.",
    "kobo.detail.period": "Période",
    "kobo.detail.periodFromDate": "{field} (une date : la période qui la contient)",
    "kobo.detail.periodFromKey": "{field} (une période comme 2014 ou 2014-Q2)",
    "kobo.detail.reportedOn": "Date de la saisie",
    "kobo.detail.reportedOnSubmission": "le jour de la soumission",
    "kobo.detail.narrative": "Récit",
    "kobo.detail.none": "aucun",
    "kobo.detail.indicator": "Indicateur",
    "kobo.detail.fields": "Champs",
    "kobo.detail.totalField": "total : {field}",
    "kobo.detail.totalOnly": "total seulement",
    "kobo.dimension.region": "Région",
    "kobo.dimension.gender": "Genre",
    "kobo.dimension.language": "Langue",
    "kobo.sync.title": "Synchronisation",
    "kobo.sync.intro":
      "Récupère les soumissions reçues depuis la dernière synchronisation et en fait des saisies en brouillon, saisies par vous. Tout est enregistré, ou rien.",
    "kobo.sync.now": "Synchroniser maintenant",
    "kobo.sync.notReady":
      "Faites d'abord correspondre les champs du formulaire (un champ de période et au moins un indicateur).",
    "kobo.sync.running":
      "Une synchronisation de cette connexion est déjà en cours depuis le {since}. Rien n’a été fait : attendez qu’elle se termine, puis retrouvez son rapport dans la liste des synchronisations.",
    "kobo.restart.title": "Tout reprendre",
    "kobo.restart.intro":
      "La prochaine synchronisation récupère de nouveau toutes les soumissions. Les saisies déjà importées sont reconnues et ne sont pas créées deux fois.",
    "kobo.restart.button": "Tout récupérer à la prochaine synchronisation",
    "kobo.delete.title": "Supprimer la connexion",
    "kobo.delete.intro":
      "Supprime la connexion et l'historique de ses synchronisations. Les saisies créées restent.",
    "kobo.delete.button": "Supprimer la connexion",
    "kobo.delete.confirm": "Tapez le nom de la connexion pour confirmer",
    "kobo.delete.mismatch": "Tapez le nom exactement comme il est affiché pour supprimer la connexion.",
    "kobo.runs.title": "Historique des synchronisations",
    "kobo.runs.none": "Aucune synchronisation pour l'instant.",
    "kobo.runs.when": "Début",
    "kobo.runs.outcome": "Résultat",
    "kobo.runs.fetched": "Récupérées",
    "kobo.runs.created": "Brouillons créés",

    "kobo.run.title": "Rapport de synchronisation",
    "kobo.run.started": "Commencée le {when}",
    "kobo.run.fetched": "Soumissions récupérées",
    "kobo.run.created": "Saisies en brouillon créées",
    "kobo.run.skipped": "Écartées",
    "kobo.run.failedNothingWritten": "La synchronisation a échoué et rien n'a été écrit : {error}",
    "kobo.run.draftsNext":
      "Les nouvelles saisies sont des brouillons saisis par la personne qui a lancé la synchronisation : vérifiez-les et soumettez-les pour vérification.",
    "kobo.run.formNotes": "Le formulaire",
    "kobo.run.formNotesIntro": "Ce que cette synchronisation a remarqué dans les champs du formulaire :",
    "kobo.run.reasons": "Pourquoi des soumissions ont été écartées",
    "kobo.run.reason": "Raison",
    "kobo.run.count": "Soumissions",
    "kobo.run.items": "Soumissions écartées",
    "kobo.run.submission": "Soumission",
    "kobo.run.indicator": "Indicateur",
    "kobo.run.wholeSubmission": "tous",
    "kobo.run.itemsShown": "Les {shown} premières sur {total} sont listées.",
    "kobo.run.back": "Retour à la connexion",
    "kobo.run.yourEntries": "Vos saisies",

    "kobo.error.auth":
      "le jeton a été refusé ({status}). Vérifiez le jeton d'API et que le formulaire est partagé avec son compte.",
    "kobo.error.notFound":
      "ce formulaire n'existe pas sur ce serveur ({status}). Vérifiez l'identifiant du formulaire et l'adresse du serveur.",
    "kobo.error.server": "le serveur a échoué (HTTP {status}). Réessayez plus tard.",
    "kobo.error.network": "le serveur est injoignable ({cause}). Vérifiez l'adresse et réessayez plus tard.",
    "kobo.error.networkUnexplained": "le serveur est injoignable. Vérifiez l'adresse et réessayez plus tard.",
    "kobo.error.timeout": "le serveur n'a pas répondu en {seconds} s. Réessayez plus tard.",
    "kobo.error.redirect":
      "le serveur a répondu par une redirection (HTTP {status}) : l'adresse du serveur n'est pas celle de l'API.",
    "kobo.error.refused": "le serveur a refusé la requête (HTTP {status}).",
    "kobo.error.shape": "la réponse du serveur n'est pas celle de KoboToolbox (erroné ou absent : {where}).",
    "kobo.error.notJson":
      "la réponse du serveur n'est pas du JSON : vérifiez que l'adresse est bien celle d'un serveur KoboToolbox.",
    "kobo.error.emptyPage": "le serveur a annoncé une page suivante après une page vide (start {start}).",
    "kobo.error.replyTooLarge": "une réponse du serveur dépasse {megabytes} Mo.",
    "kobo.error.tooManySubmissions": "il y a plus de {count} soumissions à récupérer en une synchronisation.",
    "kobo.error.mapping": "la correspondance ne convient pas au plan : {problem} Modifiez la correspondance.",
    "kobo.error.mappingMore":
      "la correspondance ne convient pas au plan : {problem} Autres problèmes : {more}. Modifiez la correspondance.",
    "kobo.error.mappingUnexplained": "la correspondance ne convient pas au plan. Modifiez la correspondance.",
    "kobo.error.mappingUnreadable":
      "la correspondance enregistrée est illisible : enregistrez de nouveau le formulaire de correspondance.",
    "kobo.error.token":
      "le jeton enregistré ne peut pas être déchiffré avec l'APP_SECRET de cette installation : saisissez de nouveau le jeton.",
    "kobo.error.database":
      "la base de données a refusé les saisies (par exemple, une période a été verrouillée pendant la synchronisation). Réessayez.",
    "kobo.error.unknown": "la raison a été enregistrée sous une forme que cette version ne sait pas lire.",

    "kobo.skip.alreadyImported": "déjà importée",
    "kobo.skip.noAnswer": "le champ {field} n'a pas de réponse",
    "kobo.skip.notANumber": "champ {field} : « {value} » n'est pas un nombre",
    "kobo.skip.notADate": "champ {field} : « {value} » n'est pas une date",
    "kobo.skip.dateOutsidePlan": "champ {field} : {value} ne tombe dans aucune période du plan",
    "kobo.skip.outsidePlan": "la période {period} est en dehors du plan",
    "kobo.skip.notStarted": "la période {period} n'a pas encore commencé",
    "kobo.skip.locked": "la période {period} est verrouillée",
    "kobo.skip.inFuture": "champ {field} : {value} est dans le futur",
    "kobo.skip.negative": "champ {field} : {value} est négatif",
    "kobo.skip.notWhole": "champ {field} : {value} n'est pas un nombre entier, et l'indicateur compte",
    "kobo.skip.percentageRange": "champ {field} : {value} n'est pas un pourcentage entre 0 et 100",
    "kobo.skip.notOnScale": "champ {field} : {value} n'est pas un niveau de l'échelle de l'indicateur",
    "kobo.skip.unknownValue": "champ {field} : « {value} » n'est pas une valeur connue de {dimension}",
    "kobo.skip.dimensionNoAnswer":
      "le champ {field} n'a pas de réponse : la valeur de {dimension} est inconnue",
    "kobo.skip.contradictsBreakdown":
      "champ {field} : le total {total} n'est pas la somme de sa ventilation ({sum})",
    "kobo.skip.repeated": "champ {field} : la ventilation donne deux fois la même combinaison",
    "kobo.skip.invalid": "{field} : {problem}",
    "kobo.skip.more": "et {count} éléments de plus, non conservés",
    "kobo.form.fieldMissing":
      "aucune soumission n'a le champ {field} de la correspondance : la question a-t-elle été renommée ou supprimée ?",
    "kobo.form.unmappedField": "des soumissions ont un champ que la correspondance n'utilise pas : {field}",

    "kobo.mapping.intro":
      "Tapez les noms des champs tels que KoboToolbox les exporte, avec leur groupe, p. ex. group_event/region. Laissez un indicateur vide pour l'ignorer.",
    "kobo.mapping.when": "Période et date",
    "kobo.mapping.periodField": "Champ qui donne la période",
    "kobo.mapping.periodGives": "Ce que donne ce champ",
    "kobo.mapping.periodFromDate": "Une date : utiliser la période qui la contient",
    "kobo.mapping.periodFromKey":
      "Une période : 2014 (annuelle), 2014-H1, 2014-Q2, 2014-05 ou lop (durée du plan)",
    "kobo.mapping.reportedOnField": "Champ qui donne la date de la saisie",
    "kobo.mapping.reportedOnHint":
      "Laissez vide pour utiliser le jour où la soumission est arrivée dans KoboToolbox.",
    "kobo.mapping.narrativeField": "Champ qui donne le récit",
    "kobo.mapping.narrativeHint": "Facultatif : une question texte recopiée dans le récit de chaque saisie.",
    "kobo.mapping.dimensions": "Ventilation",
    "kobo.mapping.dimensionsIntro":
      "Pour chaque dimension, le champ qui la donne dans une soumission. Si les noms des choix du formulaire diffèrent des nôtres, traduisez-les, un par ligne : choix du formulaire = notre valeur.",
    "kobo.mapping.dimensionField": "Champ qui donne : {dimension}",
    "kobo.mapping.dimensionChoices": "Noms de choix à traduire ({dimension})",
    "kobo.mapping.ourValues": "Nos valeurs : {values}",
    "kobo.mapping.indicators": "Indicateurs",
    "kobo.mapping.indicatorsIntro":
      "Pour chaque indicateur : le champ qui donne son total, et/ou les champs qui donnent des parties de sa ventilation, un par ligne : champ du formulaire = dimension:valeur, dimension:valeur.",
    "kobo.mapping.valueField": "Champ qui donne le total",
    "kobo.mapping.cells": "Champs qui donnent des parties de la ventilation",
    "kobo.mapping.cellsHint": "p. ex. group_participants/women = gender:women",
    "kobo.mapping.totalOnly": "N'enregistrer que le total (ignorer la ventilation)",
    "kobo.mapping.dimensionsOf": "Ventilé par : {dimensions}",
    "kobo.mapping.noDimensionsOf": "Non ventilé.",
    "kobo.mapping.noPlanIndicators":
      "Ce plan n'a pas encore d'indicateur : définissez d'abord ses indicateurs.",
    "kobo.mapping.periodRequired": "Indiquez le champ qui donne la période (une date ou une période).",
    "kobo.mapping.noIndicator": "Faites correspondre au moins un indicateur.",
    "kobo.mapping.unknownDimension": "Aucun indicateur de ce plan n'est ventilé par {dimension}.",
    "kobo.mapping.unknownChoiceValue":
      "« {choice} = {value} » : {value} n'est pas une valeur de {dimension}.",
    "kobo.mapping.unknownIndicator": "Il n'y a pas d'indicateur {code} dans ce plan.",
    "kobo.mapping.repeatedIndicator": "L'indicateur {code} est mis en correspondance deux fois.",
    "kobo.mapping.nothingMapped":
      "Indicateur {code} : indiquez le champ qui donne son total ou sa ventilation.",
    "kobo.mapping.totalRequired":
      "L'indicateur {code} est un pourcentage ou un jalon : ses parties ne s'additionnent pas, indiquez donc aussi le champ qui donne son total.",
    "kobo.mapping.cellsWithTotalOnly":
      "Indicateur {code} : des champs de ventilation ne peuvent pas servir quand seul le total est enregistré.",
    "kobo.mapping.noDimensions":
      "L'indicateur {code} n'est pas ventilé : donnez seulement le champ de son total.",
    "kobo.mapping.cellUnknownDimension":
      "Ligne {line} : l'indicateur {code} n'est pas ventilé par {dimension}.",
    "kobo.mapping.cellUnknownValue": "Ligne {line} : {value} n'est pas une valeur de {dimension}.",
    "kobo.mapping.cellAndField":
      "Ligne {line} : la valeur de {dimension} vient déjà du champ {field} ; ne la donnez pas ici aussi.",
    "kobo.mapping.cellMissingDimensions":
      "Ligne {line} : précisez pour quelles valeurs de {dimensions} vaut ce champ.",
    "kobo.mapping.repeatedCell": "Ligne {line} : cette combinaison est donnée deux fois.",
    "kobo.mapping.partialDimensions":
      "Indicateur {code} : le formulaire donne {given} mais pas {missing}. Faites aussi correspondre {missing} (un champ, ou des champs de ventilation), ou n'enregistrez que le total.",
    "kobo.mapping.fieldName":
      "« {field} » n'est pas un nom de champ : lettres, chiffres, _ - et ., avec / entre un groupe et sa question.",
    "kobo.mapping.choiceLine": "Ligne {line} : écrivez-la sous la forme choix du formulaire = notre valeur.",
    "kobo.mapping.repeatedChoice": "Ligne {line} : le choix {choice} est traduit deux fois.",
    "kobo.mapping.choicesWithoutField": "Indiquez d'abord le champ : les traductions demandent un champ.",
    "kobo.mapping.cellLine":
      "Ligne {line} : écrivez-la sous la forme champ = dimension:valeur, dimension:valeur.",
  },
);
