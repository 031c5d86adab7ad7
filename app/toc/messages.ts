import { defineMessages } from "../i18n/define";

/** The theory-of-change strings: checks (./checks.ts) and pathways (./pathways.ts). */
export const messages = defineMessages(
  {
    "toc.checks.title": "Checks",
    "toc.checks.none": "No problem found.",
    "toc.checks.heading.cycle": "Causal links that go round in a circle",
    "toc.checks.heading.noImpact": "No impact",
    "toc.checks.heading.noPathToImpact": "Activities with no pathway to impact",
    "toc.checks.heading.outcomeWithoutIndicator": "Outcomes without an indicator",
    "toc.checks.heading.linkWithoutAssumption": "Links without an assumption",
    "toc.checks.heading.droppedOnCanvas": "Dropped elements still on the canvas",
    "toc.check.cycle":
      "These causal links go round in a circle: {path}. A change cannot cause itself: remove or reverse one of them.",
    "toc.check.noImpact":
      "The plan has no impact, so no activity can show how it leads to one. Add the lasting change the plan works towards.",
    "toc.check.noPathToImpact":
      "Activity {code} has no causal pathway to an impact. Link it, or the strategy it is part of, to the change it brings about.",
    "toc.check.outcomeWithoutIndicator":
      "{code} has no indicator: nothing will show whether this change happens.",
    "toc.check.linkWithoutAssumption":
      "The link from {from} to {to} has no assumption: say why the one should lead to the other.",
    "toc.check.droppedOnCanvas":
      "{code} was dropped from the plan but is still on this canvas. Remove it, or restore it in the plan.",

    "toc.pathways.toImpact": "Pathways to impact",
    "toc.pathways.toEnd": "Pathways (the plan has no impact: they end where the causal links stop)",
    "toc.pathways.none": "No causal pathway leads from {code}.",
    "toc.pathways.limit.pathways":
      "More pathways lead from here than can be listed: the {count} shortest found are shown.",
    "toc.pathways.limit.depth": "Pathways longer than {depth} links are not shown: the search stopped there.",

    // Canvases: the list page, creating one (canvas.server.ts), saving and exchanging (edit.ts, exchange.server.ts).
    "toc.list.title": "Theories of change",
    "toc.list.intro":
      "Each canvas draws part of the plan's graph — the whole plan, or one objective's pathway — with the causal links between its elements and the assumptions behind them. The elements and links are the plan's own: a change made on a canvas is a change to the plan.",
    "toc.list.empty": "This plan has no theory-of-change canvas yet.",
    "toc.list.caption": "Canvases: {count}",
    "toc.list.column.title": "Canvas",
    "toc.list.column.focus": "Draws",
    "toc.list.column.nodes": "Elements",
    "toc.list.column.version": "Version",
    "toc.list.column.updated": "Last saved",
    "toc.list.column.exchange": "Exchange",
    "toc.list.wholePlan": "The whole plan",
    "toc.list.pathwayOf": "The pathway of {code}",
    "toc.list.draft": "Draft",
    "toc.list.export": "Download as JSON",
    "toc.list.created": "The canvas “{title}” was created with {count} elements.",
    "toc.new.heading": "New canvas",
    "toc.new.intro":
      "A canvas for the whole plan starts with all its elements; one for an element's pathway starts with that element, its parts, what leads to them and what they lead to.",
    "toc.new.title": "Title",
    "toc.new.slug": "Short name",
    "toc.new.slugHint":
      "Used in the canvas's address: lower-case letters, digits and dashes, e.g. advocacy-pathway.",
    "toc.new.focus": "Pathway of",
    "toc.new.focusHint":
      "The code of an element (e.g. O2) whose pathway to draw; leave empty for the whole plan.",
    "toc.new.draft": "Mark it as a draft",
    "toc.new.submit": "Create the canvas",
    "toc.new.titleRequired": "Give the canvas a title.",
    "toc.new.titleTooLong": "Keep the title to 500 characters or fewer.",
    "toc.new.slugInvalid": "Use lower-case letters, digits and dashes only, starting with a letter or digit.",
    "toc.new.slugTaken": "This plan already has a canvas with this short name.",
    "toc.new.focusInvalid": "An element code is letters and digits separated by dots, e.g. O1.S2.",
    "toc.new.focusUnknown": "No element of this plan has this code.",

    "toc.save.saved": "Saved: the canvas is now at version {version}.",
    "toc.save.unchanged": "Nothing had changed: the canvas stays at version {version}.",
    "toc.save.conflict":
      "Someone saved this canvas since you opened it: it is at version {current}, you started from version {base}. Nothing of yours was saved. Reload the canvas, or merge your changes into theirs and save again.",
    "toc.save.refused": "The canvas was not saved ({count} problems); nothing was changed.",
    "toc.save.forbidden": "You may read this canvas but not change it.",
    "toc.save.notJson": "The request was not a JSON document.",
    "toc.import.imported": "Imported: the canvas is now at version {version}.",
    "toc.import.unchanged": "The file matches the canvas: nothing changed.",
    "toc.import.refused": "The file was not imported ({count} problems); nothing was changed.",
    "toc.import.otherPlan": "The file is for the plan {file}, not {plan}.",
    "toc.import.oneCanvas": "The file must hold exactly one canvas; it holds {count}.",
    "toc.import.otherCanvas": "The file's canvas is {file}, not {canvas}.",
    "toc.import.unknownElement": "The plan {plan} has no element with the code {code}.",
    "toc.import.unknownSource": "No source document {source} is known here.",
    "toc.import.invalidJson": "The file is not valid JSON (line {line}, column {column}).",
    "toc.import.shape": "The file does not have the form of a plan-graph file here ({detail}).",
    "toc.import.duplicate": "{value} appears twice in the file.",
    "toc.import.fileUnknownCode": "The canvas names {code}, which is not one of the file's elements.",
    "toc.import.placedTwice": "{code} is placed twice on the canvas; an element appears once.",

    "toc.problem.invalid": "This value is not valid here.",
    "toc.problem.unknownField": "Unknown field: {fields}.",
    "toc.problem.empty": "This text must not be empty.",
    "toc.problem.tooLong": "This is too long.",
    "toc.problem.tooMany": "There are too many of these.",
    "toc.problem.position": "A position must be a number between -10,000,000 and 10,000,000.",
    "toc.problem.url": "An evidence link must be an http:// or https:// address.",
    "toc.problem.code": "A code is letters and digits separated by dots, e.g. O1.S2.A3.",
    "toc.problem.newKey": "Something created by this save needs a key starting with “new:”.",
    "toc.problem.unknownElement":
      "An element this save names no longer exists in the plan (someone may have deleted it): reload the canvas.",
    "toc.problem.editNewElement": "{code} is created by this save: give its values where it is created.",
    "toc.problem.deleteCitedLink": "{code} cannot be deleted: its link {link} cites a source document.",
    "toc.problem.elementDeleted": "{code} is deleted by this same save.",
    "toc.problem.repeated": "{code} is named twice.",
    "toc.problem.codeTaken": "The code {code} is already used in this plan.",
    "toc.problem.notOnCanvas": "{code} is not on this canvas.",
    "toc.problem.placedAndRemoved": "{code} is both placed on the canvas and taken off it.",
    "toc.problem.notPlaced": "The new element {code} needs a place on the canvas.",
    "toc.problem.deleteCited":
      "{code} comes from a source document, so it is not deleted: mark it as dropped, or take it off the canvas.",
    "toc.problem.deleteMeasured":
      "{code} is measured by an indicator, so it is not deleted: mark it as dropped.",
    "toc.problem.deleteReported":
      "Progress was reported from {code}, so it is not deleted: mark it as dropped.",
    "toc.problem.deleteFunded": "{code} is funded, so it is not deleted: mark it as dropped.",
    "toc.problem.deleteAssigned":
      "People are responsible for {code}, so it is not deleted: mark it as dropped.",
    "toc.problem.deleteFocus": "{code} is what the canvas {canvases} is drawn around, so it is not deleted.",
    "toc.problem.deleteHasParts": "{code} has parts ({parts}): delete them first, or with it.",
    "toc.problem.unknownLink": "No link of this plan has the key {key}.",
    "toc.problem.linkDeleted": "The link {link} is deleted by this same save.",
    "toc.problem.outlineLinkValues":
      "A “part of” link belongs to the outline: it carries no assumption, evidence strength or evidence links.",
    "toc.problem.selfLink": "{code} cannot be linked to itself.",
    "toc.problem.duplicateLink": "The link {link} already exists.",
    "toc.problem.secondParent":
      "{code} is already part of {parent}: in the outline each element is part of one element only.",
    "toc.problem.outlineCycle": "The outline would go round in a circle: {path}.",
    "toc.problem.cycle": "This link would close a circle of causes: {path}. A change cannot cause itself.",
  },
  {
    "toc.checks.title": "Vérifications",
    "toc.checks.none": "Aucun problème détecté.",
    "toc.checks.heading.cycle": "Liens de causalité qui tournent en rond",
    "toc.checks.heading.noImpact": "Aucun impact",
    "toc.checks.heading.noPathToImpact": "Activités sans chemin vers l’impact",
    "toc.checks.heading.outcomeWithoutIndicator": "Effets sans indicateur",
    "toc.checks.heading.linkWithoutAssumption": "Liens sans hypothèse",
    "toc.checks.heading.droppedOnCanvas": "Éléments abandonnés encore sur le canevas",
    "toc.check.cycle":
      "Ces liens de causalité tournent en rond : {path}. Un changement ne peut pas être sa propre cause : supprimez ou inversez l’un d’eux.",
    "toc.check.noImpact":
      "Le plan n’a pas d’impact : aucune activité ne peut montrer comment elle y mène. Ajoutez le changement durable que vise le plan.",
    "toc.check.noPathToImpact":
      "L’activité {code} n’a aucun chemin causal vers un impact. Reliez-la, ou la stratégie dont elle fait partie, au changement qu’elle produit.",
    "toc.check.outcomeWithoutIndicator":
      "{code} n’a pas d’indicateur : rien ne montrera si ce changement se produit.",
    "toc.check.linkWithoutAssumption":
      "Le lien de {from} vers {to} n’a pas d’hypothèse : expliquez pourquoi l’un devrait mener à l’autre.",
    "toc.check.droppedOnCanvas":
      "{code} a été abandonné dans le plan mais figure encore sur ce canevas. Retirez-le, ou rétablissez-le dans le plan.",

    "toc.pathways.toImpact": "Chemins vers l’impact",
    "toc.pathways.toEnd":
      "Chemins (le plan n’a pas d’impact : ils s’arrêtent là où s’arrêtent les liens de causalité)",
    "toc.pathways.none": "Aucun chemin causal ne part de {code}.",
    "toc.pathways.limit.pathways":
      "Plus de chemins partent d’ici qu’on ne peut en lister : les {count} plus courts trouvés sont affichés.",
    "toc.pathways.limit.depth":
      "Les chemins de plus de {depth} liens ne sont pas affichés : la recherche s’est arrêtée là.",

    "toc.list.title": "Théories du changement",
    "toc.list.intro":
      "Chaque canevas dessine une partie du graphe du plan — le plan entier, ou le chemin d’un objectif — avec les liens de causalité entre ses éléments et les hypothèses qui les fondent. Les éléments et les liens sont ceux du plan : une modification faite sur un canevas modifie le plan.",
    "toc.list.empty": "Ce plan n’a pas encore de canevas de théorie du changement.",
    "toc.list.caption": "Canevas : {count}",
    "toc.list.column.title": "Canevas",
    "toc.list.column.focus": "Dessine",
    "toc.list.column.nodes": "Éléments",
    "toc.list.column.version": "Version",
    "toc.list.column.updated": "Dernier enregistrement",
    "toc.list.column.exchange": "Échange",
    "toc.list.wholePlan": "Le plan entier",
    "toc.list.pathwayOf": "Le chemin de {code}",
    "toc.list.draft": "Brouillon",
    "toc.list.export": "Télécharger en JSON",
    "toc.list.created": "Le canevas « {title} » a été créé avec {count} éléments.",
    "toc.new.heading": "Nouveau canevas",
    "toc.new.intro":
      "Un canevas du plan entier commence avec tous ses éléments ; celui du chemin d’un élément commence avec cet élément, ses composantes, ce qui y mène et ce à quoi elles mènent.",
    "toc.new.title": "Titre",
    "toc.new.slug": "Nom court",
    "toc.new.slugHint":
      "Utilisé dans l’adresse du canevas : lettres minuscules, chiffres et tirets, par exemple chemin-plaidoyer.",
    "toc.new.focus": "Chemin de",
    "toc.new.focusHint":
      "Le code d’un élément (par exemple O2) dont dessiner le chemin ; laissez vide pour le plan entier.",
    "toc.new.draft": "Le marquer comme brouillon",
    "toc.new.submit": "Créer le canevas",
    "toc.new.titleRequired": "Donnez un titre au canevas.",
    "toc.new.titleTooLong": "Le titre ne doit pas dépasser 500 caractères.",
    "toc.new.slugInvalid":
      "Utilisez seulement des lettres minuscules, des chiffres et des tirets, en commençant par une lettre ou un chiffre.",
    "toc.new.slugTaken": "Ce plan a déjà un canevas portant ce nom court.",
    "toc.new.focusInvalid":
      "Un code d’élément est fait de lettres et de chiffres séparés par des points, par exemple O1.S2.",
    "toc.new.focusUnknown": "Aucun élément de ce plan n’a ce code.",

    "toc.save.saved": "Enregistré : le canevas est maintenant à la version {version}.",
    "toc.save.unchanged": "Rien n’avait changé : le canevas reste à la version {version}.",
    "toc.save.conflict":
      "Quelqu’un a enregistré ce canevas depuis que vous l’avez ouvert : il est à la version {current}, vous êtes parti de la version {base}. Rien de vos modifications n’a été enregistré. Rechargez le canevas, ou fusionnez vos modifications avec les siennes et enregistrez de nouveau.",
    "toc.save.refused": "Le canevas n’a pas été enregistré ({count} problèmes) ; rien n’a été modifié.",
    "toc.save.forbidden": "Vous pouvez lire ce canevas, mais pas le modifier.",
    "toc.save.notJson": "La requête n’était pas un document JSON.",
    "toc.import.imported": "Importé : le canevas est maintenant à la version {version}.",
    "toc.import.unchanged": "Le fichier correspond au canevas : rien n’a changé.",
    "toc.import.refused": "Le fichier n’a pas été importé ({count} problèmes) ; rien n’a été modifié.",
    "toc.import.otherPlan": "Le fichier concerne le plan {file}, pas {plan}.",
    "toc.import.oneCanvas": "Le fichier doit contenir exactement un canevas ; il en contient {count}.",
    "toc.import.otherCanvas": "Le canevas du fichier est {file}, pas {canvas}.",
    "toc.import.unknownElement": "Le plan {plan} n’a aucun élément portant le code {code}.",
    "toc.import.unknownSource": "Aucun document source {source} n’est connu ici.",
    "toc.import.invalidJson": "Le fichier n’est pas du JSON valide (ligne {line}, colonne {column}).",
    "toc.import.shape": "Le fichier n’a pas ici la forme d’un fichier plan-graph ({detail}).",
    "toc.import.duplicate": "{value} figure deux fois dans le fichier.",
    "toc.import.fileUnknownCode": "Le canevas nomme {code}, qui n’est pas l’un des éléments du fichier.",
    "toc.import.placedTwice":
      "{code} est placé deux fois sur le canevas ; un élément n’y figure qu’une fois.",

    "toc.problem.invalid": "Cette valeur n’est pas valable ici.",
    "toc.problem.unknownField": "Champ inconnu : {fields}.",
    "toc.problem.empty": "Ce texte ne doit pas être vide.",
    "toc.problem.tooLong": "C’est trop long.",
    "toc.problem.tooMany": "Il y en a trop.",
    "toc.problem.position": "Une position doit être un nombre compris entre -10 000 000 et 10 000 000.",
    "toc.problem.url": "Un lien vers une preuve doit être une adresse http:// ou https://.",
    "toc.problem.code":
      "Un code est fait de lettres et de chiffres séparés par des points, par exemple O1.S2.A3.",
    "toc.problem.newKey": "Ce que crée cet enregistrement doit avoir une clé commençant par « new: ».",
    "toc.problem.unknownElement":
      "Un élément nommé par cet enregistrement n’existe plus dans le plan (quelqu’un l’a peut-être supprimé) : rechargez le canevas.",
    "toc.problem.editNewElement":
      "{code} est créé par cet enregistrement : donnez ses valeurs là où il est créé.",
    "toc.problem.deleteCitedLink":
      "{code} ne peut pas être supprimé : son lien {link} cite un document source.",
    "toc.problem.elementDeleted": "{code} est supprimé par ce même enregistrement.",
    "toc.problem.repeated": "{code} est nommé deux fois.",
    "toc.problem.codeTaken": "Le code {code} est déjà utilisé dans ce plan.",
    "toc.problem.notOnCanvas": "{code} n’est pas sur ce canevas.",
    "toc.problem.placedAndRemoved": "{code} est à la fois placé sur le canevas et retiré de celui-ci.",
    "toc.problem.notPlaced": "Le nouvel élément {code} doit avoir une place sur le canevas.",
    "toc.problem.deleteCited":
      "{code} provient d’un document source, il n’est donc pas supprimé : marquez-le comme abandonné, ou retirez-le du canevas.",
    "toc.problem.deleteMeasured":
      "{code} est mesuré par un indicateur, il n’est donc pas supprimé : marquez-le comme abandonné.",
    "toc.problem.deleteReported":
      "Des progrès ont été déclarés depuis {code}, il n’est donc pas supprimé : marquez-le comme abandonné.",
    "toc.problem.deleteFunded":
      "{code} est financé, il n’est donc pas supprimé : marquez-le comme abandonné.",
    "toc.problem.deleteAssigned":
      "Des personnes sont responsables de {code}, il n’est donc pas supprimé : marquez-le comme abandonné.",
    "toc.problem.deleteFocus":
      "Le canevas {canvases} est dessiné autour de {code}, il n’est donc pas supprimé.",
    "toc.problem.deleteHasParts":
      "{code} a des composantes ({parts}) : supprimez-les d’abord, ou en même temps que lui.",
    "toc.problem.unknownLink": "Aucun lien de ce plan n’a la clé {key}.",
    "toc.problem.linkDeleted": "Le lien {link} est supprimé par ce même enregistrement.",
    "toc.problem.outlineLinkValues":
      "Un lien « fait partie de » appartient à la structure du plan : il ne porte ni hypothèse, ni force des preuves, ni liens vers des preuves.",
    "toc.problem.selfLink": "{code} ne peut pas être relié à lui-même.",
    "toc.problem.duplicateLink": "Le lien {link} existe déjà.",
    "toc.problem.secondParent":
      "{code} fait déjà partie de {parent} : dans la structure du plan, chaque élément fait partie d’un seul élément.",
    "toc.problem.outlineCycle": "La structure du plan tournerait en rond : {path}.",
    "toc.problem.cycle":
      "Ce lien fermerait un cercle de causes : {path}. Un changement ne peut pas être sa propre cause.",
  },
);
