import { defineMessages } from "../i18n/define";

/** The dashboards' strings: plan overview, roll-up statuses, charts and their tables. */
export const messages = defineMessages(
  {
    "dashboard.link": "Dashboard",
    "dashboard.eyebrow": "Plan overview",
    "dashboard.title": "Dashboard: {plan}",
    "dashboard.intro":
      "The plan's health from approved progress, as of the day chosen below. Every figure comes from the roll-up rules described in the documentation; a new approval shows on the next visit.",
    "dashboard.scoped":
      "You see the parts of the plan your organisation funds; every figure here counts only the entries logged from those parts or cited from published sources.",
    "dashboard.filters": "Filters",
    "dashboard.asOf": "As of",
    "dashboard.from": "Trend from",
    "dashboard.apply": "Show",
    "dashboard.filtersHint":
      "Dates are days (YYYY-MM-DD) within the plan. Statuses are judged on totals (targets are set for totals), so region and gender filters are on each indicator's page and on the region view, not here.",
    "dashboard.health": "Plan health",
    "dashboard.healthSummary": "{judged} of {total} top-level parts have data to judge.",
    "dashboard.score": "Progress against expected",
    "dashboard.objectives": "Objectives",
    "dashboard.objectivesCaption": "Objectives and top-level outcomes as of {day}",
    "dashboard.col.element": "Element",
    "dashboard.col.status": "Status",
    "dashboard.col.score": "% of expected",
    "dashboard.col.basis": "Judged on",
    "dashboard.col.previous": "Last period",
    "dashboard.basis": "{judged} of {total}",
    "dashboard.trend": "Trend",
    "dashboard.trendCaption": "Progress against expected at the end of each quarter, in percent",
    "dashboard.col.day": "Day",
    "dashboard.col.plan": "Plan",
    "dashboard.counts": "Counts by status",
    "dashboard.countsCaption": "Indicators and elements by status",
    "dashboard.col.indicators": "Indicators",
    "dashboard.col.elements": "Elements",
    "dashboard.completeness": "Data completeness",
    "dashboard.completenessSummary": "{approved} of {due} due reports approved ({percent}).",
    "dashboard.completenessNone": "No report is due yet.",
    "dashboard.completenessCaption": "Due reports by state",
    "dashboard.col.state": "State",
    "dashboard.col.count": "Reports",
    "dashboard.changes": "What changed since the last period",
    "dashboard.changesSince": "Compared with {day}, the end of the last quarter.",
    "dashboard.noPrevious":
      "No quarter of the plan has ended before this day: there is nothing to compare with.",
    "dashboard.noChanges": "No status changed.",
    "dashboard.changesCaption": "Status changes since {day}",
    "dashboard.col.what": "What",
    "dashboard.col.from": "From",
    "dashboard.col.to": "To",
    "dashboard.col.change": "Change",
    "dashboard.planItself": "The plan",
    "dashboard.indicators": "Indicators",
    "dashboard.indicatorsCaption": "Indicators as of {day}",
    "dashboard.col.indicator": "Indicator",
    "dashboard.col.actual": "Actual",
    "dashboard.col.expected": "Expected",
    "dashboard.col.completeness": "Reports approved",
    "dashboard.csv": "Download as CSV",
    "dashboard.csvNamed": "Download “{name}” as CSV",
    "dashboard.smallCount": "< {threshold}",
    "dashboard.smallCountNote":
      "Counts below {threshold} are shown as “< {threshold}”, and so is another figure of the same row or column where the totals would give one away, so that no small group of people can be picked out.",
    "dashboard.chartLabel": "Chart: {name}. The same figures are in the table below.",
    "dashboard.noObjectives": "This plan has no top-level element to show.",
    "dashboard.nothingVisible": "Nothing of this plan is in your scope yet.",

    "dashboard.drillDown": "Drill-down",
    "dashboard.elementTitle": "{code}: how it is doing",
    "dashboard.inputs": "What it is computed from",
    "dashboard.inputsCaption": "Inputs of {code} as of {day}",
    "dashboard.inputsChart": "Inputs' progress against expected",
    "dashboard.col.kind": "Kind",
    "dashboard.col.weight": "Weight",
    "dashboard.indicatorKind": "Indicator",
    "dashboard.noInputs": "Nothing measures this element yet: no indicator, part or contribution.",
    "dashboard.elementPage": "The element's page",
    "dashboard.overview": "Plan overview",
    "dashboard.heatMap": "Data completeness by indicator and period",
    "dashboard.heatMapLink": "See every report on the completeness heat map",
    "dashboard.heatMapIntro":
      "Each cell is one report: approved, submitted and waiting for verification, missing (due, still within its reporting days), overdue, or not yet due.",
    "dashboard.heatMapCaption": "{frequency}: reports as of {day}",
    "dashboard.legend": "Legend",

    "dashboard.regionsLink": "See what was reported in each region",
    "dashboard.periodsFrom": "Periods from",
    "dashboard.allRegions": "All regions",
    "dashboard.allGenders": "All genders",
    "dashboard.col.period": "Period",
    "dashboard.col.report": "Report",
    "dashboard.col.target": "Target",
    "dashboard.col.total": "Total",
    "dashboard.col.reportedOn": "Reported on",
    "dashboard.col.value": "Value",
    "dashboard.col.evidence": "Evidence",
    "dashboard.col.source": "Source",
    "dashboard.col.region": "Region",
    "dashboard.col.approvedEntries": "Approved entries",

    "dashboard.indicator.measures": "Measures:",
    "dashboard.indicator.definitionLink": "Definition, targets and history",
    "dashboard.indicator.scoped":
      "The figures of this indicator count only the entries logged from the parts of the plan your organisation funds or cited from published sources, and those are the entries listed.",
    "dashboard.indicator.filtersHint":
      "Dates are days (YYYY-MM-DD) within the plan: the periods shown are those between them. Region and gender narrow the actual and the breakdowns to the cells reported for them.",
    "dashboard.indicator.noDimensions":
      "Dates are days (YYYY-MM-DD) within the plan: the periods shown are those between them. This indicator is not broken down by region or gender.",
    "dashboard.indicator.status": "Status now",
    "dashboard.indicator.judgedAt": "Judged at",
    "dashboard.indicator.planTarget": "Target over the plan",
    "dashboard.indicator.reached": "reached:",
    "dashboard.indicator.statusBasis":
      "Status, actual and expected value come from the roll-up, as on the plan overview.",
    "dashboard.indicator.targetNotInDirection":
      "Progress cannot be read: the target is not in the indicator's direction from its baseline.",
    "dashboard.indicator.judgedOnTotal":
      "Filtered to {selection}. Targets are set for the indicator's total, so the status and the expected value above are judged on the total, not on the selected cells.",
    "dashboard.indicator.selectionHasTargets":
      "This selection has targets of its own: they are shown as “Target for the selection”.",
    "dashboard.indicator.selectionOverRange": "{selection} over the periods shown: {value}.",
    "dashboard.indicator.notCombinable":
      "Percentages and milestone levels are never added up across cells: choose a value for every dimension of the indicator to see one cell's figures.",
    "dashboard.indicator.notBrokenDown":
      "Approved entries without a breakdown for this selection: {count}. They count in the total only.",
    "dashboard.indicator.series": "Actual, target and expected",
    "dashboard.indicator.seriesHint.per_period":
      "Each period on its own: the actual is what was reported in the period; the expected value is the period's target, pro-rated while the period runs.",
    "dashboard.indicator.seriesHint.cumulative":
      "A running total: the actual adds up every report so far; the targets are running totals too, and the expected value runs straight from the baseline through them.",
    "dashboard.indicator.seriesHint.latest":
      "A level: the actual is the last level reported; the expected value runs straight from the baseline through the targets.",
    "dashboard.indicator.seriesHint.maintain":
      "A level to maintain: the expected value is the target in force in each period (the period's own target, else the latest one set before it), not a line between targets; the actual should stay within the tolerance around it.",
    "dashboard.indicator.baseline": "Baseline: {value} (the dotted line).",
    "dashboard.indicator.baselineLine": "Baseline",
    "dashboard.indicator.noPeriods": "No period of this indicator falls between these dates.",
    "dashboard.indicator.seriesCaption": "{code}: actual, target and expected value per period, as of {day}",
    "dashboard.indicator.selectionActual": "Actual: {selection}",
    "dashboard.indicator.selectionTarget": "Target for the selection: {selection}",
    "dashboard.indicator.totalActual": "Actual (total)",
    "dashboard.indicator.overRange": "Over the periods shown",
    "dashboard.indicator.by": "By {dimension}",
    "dashboard.indicator.breakdownWithin": "{selection} only.",
    "dashboard.indicator.chosen": "{value} (selected)",
    "dashboard.indicator.breakdownCaption": "Actual by {dimension} per period, as of {day}",
    "dashboard.indicator.notBrokenDownColumn": "Not broken down",
    "dashboard.indicator.entriesNotBrokenDown":
      "Approved entries of these periods without a breakdown by {dimension}: {count}. They count in the total (and under “Not broken down” where values add up).",
    "dashboard.indicator.entries": "The entries behind the figures",
    "dashboard.indicator.entriesHint":
      "The approved entries of the periods shown, newest first. Evidence links open in a new tab; evidence files can be downloaded by the entry's author and by M&E officers.",
    "dashboard.indicator.entriesLimited": "The {shown} most recent of {count} approved entries.",
    "dashboard.indicator.noEntries": "No approved entry in these periods.",
    "dashboard.indicator.entriesCaption": "Approved entries of {code} as of {day}",
    "dashboard.indicator.fileForVerifiers": "file, for verifiers",

    "dashboard.regions.eyebrow": "Plan overview",
    "dashboard.regions.title": "By region",
    "dashboard.regions.intro":
      "What was reported in each region of the organisation's list between the two dates: the approved entries whose breakdown names the region, and the actual there of each indicator broken down by region.",
    "dashboard.regions.range": "From {from} to {to}",
    "dashboard.regions.scoped":
      "You see the indicators measuring the parts of the plan your organisation funds; their figures and the entries listed are those logged from those parts or cited from published sources.",
    "dashboard.regions.filtersHint":
      "Dates are days (YYYY-MM-DD) within the plan. Gender narrows every figure to the cells reported for it; an indicator not broken down by gender then has no figure.",
    "dashboard.regions.reported": "Reported in each region",
    "dashboard.regions.reportedCaption": "Approved entries naming each region, from {from} to {to}",
    "dashboard.regions.indicators": "Indicators by region",
    "dashboard.regions.indicatorsHint":
      "Flows are summed over the periods shown; running totals and levels are read at the last period shown. In brackets, a region's share of the regions' sum, as the chart draws it. Percentages and levels are never added up.",
    "dashboard.regions.indicatorsCaption": "Actual of each indicator by region, from {from} to {to}",
    "dashboard.regions.sharesChart":
      "Where each indicator's results were reported, as shares of the regions' sum",
    "dashboard.regions.noIndicators": "No indicator of this plan that you may see is broken down by region.",
    "dashboard.regions.noGenderBreakdown": "Not broken down by gender: no figure for this filter.",
    "dashboard.regions.notCombinable":
      "Percentages and levels are not added up across genders: choose a gender.",
    "dashboard.regions.entries": "Approved entries by region",
    "dashboard.regions.entriesHint":
      "The {count} most recent approved entries naming each region, newest first.",
    "dashboard.regions.entriesCaption": "{region}: approved entries from {from} to {to}",
    "dashboard.regions.noEntries": "No approved entry names this region in these periods.",
    "dashboard.regions.valueThere": "Value in the region",
    "rollup.state.not_due": "Not yet due",
    "rollup.status.on_track": "On track",
    "rollup.status.behind": "Behind",
    "rollup.status.at_risk": "At risk",
    "rollup.status.no_data": "No data",
    "rollup.status.not_yet_due": "Not yet due",
    "rollup.status.not_applicable": "Not applicable",
    "rollup.change.improved": "Improved",
    "rollup.change.worsened": "Worsened",
    "rollup.change.changed": "Changed",
    "rollup.change.added": "Added",
    "rollup.change.removed": "Removed",
    "rollup.state.approved": "Approved",
    "rollup.state.submitted": "Submitted, awaiting verification",
    "rollup.state.missing": "Missing (within the reporting days)",
    "rollup.state.overdue": "Overdue",

    // What is not judged for want of targets, and the figures shown instead (sourced plans such as NSWP's).
    "rollup.unjudged.noTarget": "Not judged: no target",
    "rollup.unjudged.figuresWithoutTargets": "Not judged: figures reported, no targets to judge them against",
    "rollup.unjudged.noTargets": "Not judged: no targets set",
    "dashboard.col.latestFigure": "Latest figure reported",
    "dashboard.figuresNote":
      "An indicator without a target cannot be judged: its latest figure is shown instead, with the passage of the source it comes from.",
    "dashboard.trendEmpty.noIndicators":
      "Nothing to draw: no indicator measures this plan yet, so there is no progress to follow over time.",
    "dashboard.trendEmpty.noTargets":
      "Nothing to draw: none of the indicators has a target, so progress against expected cannot be computed on any day. The figures reported are listed with their sources under “Indicators” below.",
    "dashboard.trendEmpty.nothingJudged":
      "Nothing to draw: nothing could be judged at the end of a quarter between {from} and {asOf} (no approved figure yet, or nothing due).",
    "dashboard.inputsEmpty.noIndicators":
      "Nothing to draw: no indicator measures this element or its parts, so none of its inputs can be judged.",
    "dashboard.inputsEmpty.noTargets":
      "Nothing to draw: none of the indicators below this element has a target, so none of its inputs can be judged. The table lists them, with the latest figure where one is reported.",
    "dashboard.inputsEmpty.nothingJudged":
      "Nothing to draw: none of its inputs is judged on {day} (no approved figure yet, or nothing due).",
    "dashboard.countsEmpty": "Nothing to draw: no indicator or element of this plan is in view.",
  },
  {
    "dashboard.link": "Tableau de bord",
    "dashboard.eyebrow": "Vue d’ensemble du plan",
    "dashboard.title": "Tableau de bord : {plan}",
    "dashboard.intro":
      "La santé du plan d’après les progrès approuvés, à la date choisie ci-dessous. Chaque chiffre suit les règles d’agrégation décrites dans la documentation ; une nouvelle approbation apparaît dès la visite suivante.",
    "dashboard.scoped":
      "Vous voyez les parties du plan que finance votre organisation ; chaque chiffre ne compte ici que les saisies faites depuis ces parties ou citées de sources publiées.",
    "dashboard.filters": "Filtres",
    "dashboard.asOf": "À la date du",
    "dashboard.from": "Tendance depuis",
    "dashboard.apply": "Afficher",
    "dashboard.filtersHint":
      "Les dates sont des jours (AAAA-MM-JJ) compris dans le plan. Les statuts sont évalués sur les totaux (les cibles portent sur les totaux) : les filtres par région et par genre se trouvent sur la page de chaque indicateur et sur la vue par région, pas ici.",
    "dashboard.health": "Santé du plan",
    "dashboard.healthSummary": "{judged} des {total} éléments de premier niveau ont des données à évaluer.",
    "dashboard.score": "Progrès par rapport à l’attendu",
    "dashboard.objectives": "Objectifs",
    "dashboard.objectivesCaption": "Objectifs et effets de premier niveau au {day}",
    "dashboard.col.element": "Élément",
    "dashboard.col.status": "Statut",
    "dashboard.col.score": "% de l’attendu",
    "dashboard.col.basis": "Évalué sur",
    "dashboard.col.previous": "Période précédente",
    "dashboard.basis": "{judged} sur {total}",
    "dashboard.trend": "Tendance",
    "dashboard.trendCaption": "Progrès par rapport à l’attendu à la fin de chaque trimestre, en pourcentage",
    "dashboard.col.day": "Jour",
    "dashboard.col.plan": "Plan",
    "dashboard.counts": "Répartition par statut",
    "dashboard.countsCaption": "Indicateurs et éléments par statut",
    "dashboard.col.indicators": "Indicateurs",
    "dashboard.col.elements": "Éléments",
    "dashboard.completeness": "Complétude des données",
    "dashboard.completenessSummary": "{approved} des {due} rapports attendus approuvés ({percent}).",
    "dashboard.completenessNone": "Aucun rapport n’est encore attendu.",
    "dashboard.completenessCaption": "Rapports attendus par état",
    "dashboard.col.state": "État",
    "dashboard.col.count": "Rapports",
    "dashboard.changes": "Ce qui a changé depuis la période précédente",
    "dashboard.changesSince": "Comparé au {day}, fin du trimestre précédent.",
    "dashboard.noPrevious":
      "Aucun trimestre du plan ne s’est terminé avant ce jour : il n’y a rien à comparer.",
    "dashboard.noChanges": "Aucun statut n’a changé.",
    "dashboard.changesCaption": "Changements de statut depuis le {day}",
    "dashboard.col.what": "Quoi",
    "dashboard.col.from": "Avant",
    "dashboard.col.to": "Après",
    "dashboard.col.change": "Évolution",
    "dashboard.planItself": "Le plan",
    "dashboard.indicators": "Indicateurs",
    "dashboard.indicatorsCaption": "Indicateurs au {day}",
    "dashboard.col.indicator": "Indicateur",
    "dashboard.col.actual": "Réalisé",
    "dashboard.col.expected": "Attendu",
    "dashboard.col.completeness": "Rapports approuvés",
    "dashboard.csv": "Télécharger en CSV",
    "dashboard.csvNamed": "Télécharger « {name} » en CSV",
    "dashboard.smallCount": "< {threshold}",
    "dashboard.smallCountNote":
      "Les effectifs inférieurs à {threshold} sont affichés « < {threshold} », de même qu’un autre chiffre de la même ligne ou colonne quand les totaux permettraient de le retrouver, afin qu’aucun petit groupe de personnes ne puisse être identifié.",
    "dashboard.chartLabel": "Graphique : {name}. Les mêmes chiffres figurent dans le tableau ci-dessous.",
    "dashboard.noObjectives": "Ce plan n’a aucun élément de premier niveau à afficher.",
    "dashboard.nothingVisible": "Aucune partie de ce plan n’est encore dans votre périmètre.",

    "dashboard.drillDown": "Détail",
    "dashboard.elementTitle": "{code} : où en est-il",
    "dashboard.inputs": "Ce dont il est calculé",
    "dashboard.inputsCaption": "Composantes de {code} au {day}",
    "dashboard.inputsChart": "Progrès des composantes par rapport à l’attendu",
    "dashboard.col.kind": "Type",
    "dashboard.col.weight": "Poids",
    "dashboard.indicatorKind": "Indicateur",
    "dashboard.noInputs":
      "Rien ne mesure encore cet élément : ni indicateur, ni composante, ni contribution.",
    "dashboard.elementPage": "La page de l’élément",
    "dashboard.overview": "Vue d’ensemble du plan",
    "dashboard.heatMap": "Complétude des données par indicateur et période",
    "dashboard.heatMapLink": "Voir chaque rapport sur la carte de complétude",
    "dashboard.heatMapIntro":
      "Chaque case est un rapport : approuvé, soumis et en attente de vérification, manquant (attendu, encore dans son délai), hors délai, ou pas encore attendu.",
    "dashboard.heatMapCaption": "{frequency} : rapports au {day}",
    "dashboard.legend": "Légende",

    "dashboard.regionsLink": "Voir ce qui a été rapporté dans chaque région",
    "dashboard.periodsFrom": "Périodes depuis le",
    "dashboard.allRegions": "Toutes les régions",
    "dashboard.allGenders": "Tous les genres",
    "dashboard.col.period": "Période",
    "dashboard.col.report": "Rapport",
    "dashboard.col.target": "Cible",
    "dashboard.col.total": "Total",
    "dashboard.col.reportedOn": "Rapporté le",
    "dashboard.col.value": "Valeur",
    "dashboard.col.evidence": "Justificatifs",
    "dashboard.col.source": "Source",
    "dashboard.col.region": "Région",
    "dashboard.col.approvedEntries": "Saisies approuvées",

    "dashboard.indicator.measures": "Mesure :",
    "dashboard.indicator.definitionLink": "Définition, cibles et historique",
    "dashboard.indicator.scoped":
      "Les chiffres de cet indicateur ne comptent que les saisies faites depuis les parties du plan que finance votre organisation ou citées de sources publiées, et ce sont les saisies listées.",
    "dashboard.indicator.filtersHint":
      "Les dates sont des jours (AAAA-MM-JJ) compris dans le plan : les périodes affichées sont celles qui se trouvent entre elles. La région et le genre restreignent le réalisé et les ventilations aux cases rapportées pour eux.",
    "dashboard.indicator.noDimensions":
      "Les dates sont des jours (AAAA-MM-JJ) compris dans le plan : les périodes affichées sont celles qui se trouvent entre elles. Cet indicateur n’est ventilé ni par région ni par genre.",
    "dashboard.indicator.status": "Statut actuel",
    "dashboard.indicator.judgedAt": "Évalué au",
    "dashboard.indicator.planTarget": "Cible sur la durée du plan",
    "dashboard.indicator.reached": "atteinte :",
    "dashboard.indicator.statusBasis":
      "Le statut, le réalisé et la valeur attendue viennent de l’agrégation, comme sur la vue d’ensemble du plan.",
    "dashboard.indicator.targetNotInDirection":
      "Le progrès ne peut pas être lu : la cible n’est pas dans le sens de l’indicateur à partir de sa valeur de référence.",
    "dashboard.indicator.judgedOnTotal":
      "Filtré sur {selection}. Les cibles portent sur le total de l’indicateur : le statut et la valeur attendue ci-dessus sont donc évalués sur le total, pas sur les cases choisies.",
    "dashboard.indicator.selectionHasTargets":
      "Cette sélection a ses propres cibles : elles figurent sous « Cible de la sélection ».",
    "dashboard.indicator.selectionOverRange": "{selection} sur les périodes affichées : {value}.",
    "dashboard.indicator.notCombinable":
      "Les pourcentages et les niveaux d’étape ne s’additionnent jamais d’une case à l’autre : choisissez une valeur pour chaque dimension de l’indicateur pour voir les chiffres d’une case.",
    "dashboard.indicator.notBrokenDown":
      "Saisies approuvées sans ventilation pour cette sélection : {count}. Elles ne comptent que dans le total.",
    "dashboard.indicator.series": "Réalisé, cible et attendu",
    "dashboard.indicator.seriesHint.per_period":
      "Chaque période pour elle-même : le réalisé est ce qui a été rapporté pour la période ; la valeur attendue est la cible de la période, au prorata tant que la période est en cours.",
    "dashboard.indicator.seriesHint.cumulative":
      "Un total cumulé : le réalisé additionne tous les rapports jusque-là ; les cibles sont aussi des totaux cumulés, et la valeur attendue va en ligne droite de la valeur de référence à chacune d’elles.",
    "dashboard.indicator.seriesHint.latest":
      "Un niveau : le réalisé est le dernier niveau rapporté ; la valeur attendue va en ligne droite de la valeur de référence à chaque cible.",
    "dashboard.indicator.seriesHint.maintain":
      "Un niveau à maintenir : la valeur attendue est la cible en vigueur à chaque période (la cible de la période, sinon la dernière fixée avant elle), et non une ligne entre les cibles ; le réalisé doit rester dans la tolérance autour d’elle.",
    "dashboard.indicator.baseline": "Valeur de référence : {value} (la ligne pointillée).",
    "dashboard.indicator.baselineLine": "Référence",
    "dashboard.indicator.noPeriods": "Aucune période de cet indicateur ne se trouve entre ces dates.",
    "dashboard.indicator.seriesCaption": "{code} : réalisé, cible et valeur attendue par période, au {day}",
    "dashboard.indicator.selectionActual": "Réalisé : {selection}",
    "dashboard.indicator.selectionTarget": "Cible de la sélection : {selection}",
    "dashboard.indicator.totalActual": "Réalisé (total)",
    "dashboard.indicator.overRange": "Sur les périodes affichées",
    "dashboard.indicator.by": "Par {dimension}",
    "dashboard.indicator.breakdownWithin": "{selection} seulement.",
    "dashboard.indicator.chosen": "{value} (sélection)",
    "dashboard.indicator.breakdownCaption": "Réalisé par {dimension} et par période, au {day}",
    "dashboard.indicator.notBrokenDownColumn": "Non ventilé",
    "dashboard.indicator.entriesNotBrokenDown":
      "Saisies approuvées de ces périodes sans ventilation par {dimension} : {count}. Elles comptent dans le total (et sous « Non ventilé » quand les valeurs s’additionnent).",
    "dashboard.indicator.entries": "Les saisies derrière les chiffres",
    "dashboard.indicator.entriesHint":
      "Les saisies approuvées des périodes affichées, des plus récentes aux plus anciennes. Les liens justificatifs s’ouvrent dans un nouvel onglet ; les fichiers justificatifs peuvent être téléchargés par l’auteur de la saisie et par les chargés de suivi-évaluation.",
    "dashboard.indicator.entriesLimited": "Les {shown} plus récentes des {count} saisies approuvées.",
    "dashboard.indicator.noEntries": "Aucune saisie approuvée pour ces périodes.",
    "dashboard.indicator.entriesCaption": "Saisies approuvées de {code} au {day}",
    "dashboard.indicator.fileForVerifiers": "fichier, pour les vérificateurs",

    "dashboard.regions.eyebrow": "Vue d’ensemble du plan",
    "dashboard.regions.title": "Par région",
    "dashboard.regions.intro":
      "Ce qui a été rapporté dans chaque région de la liste de l’organisation entre les deux dates : les saisies approuvées dont la ventilation nomme la région, et le réalisé dans la région de chaque indicateur ventilé par région.",
    "dashboard.regions.range": "Du {from} au {to}",
    "dashboard.regions.scoped":
      "Vous voyez les indicateurs qui mesurent les parties du plan que finance votre organisation ; leurs chiffres et les saisies listées sont ceux des saisies faites depuis ces parties ou citées de sources publiées.",
    "dashboard.regions.filtersHint":
      "Les dates sont des jours (AAAA-MM-JJ) compris dans le plan. Le genre restreint chaque chiffre aux cases rapportées pour lui ; un indicateur non ventilé par genre n’a alors pas de chiffre.",
    "dashboard.regions.reported": "Rapporté dans chaque région",
    "dashboard.regions.reportedCaption": "Saisies approuvées nommant chaque région, du {from} au {to}",
    "dashboard.regions.indicators": "Indicateurs par région",
    "dashboard.regions.indicatorsHint":
      "Les flux sont additionnés sur les périodes affichées ; les totaux cumulés et les niveaux sont lus à la dernière période affichée. Entre parenthèses, la part d’une région dans la somme des régions, telle que le graphique la trace. Les pourcentages et les niveaux ne s’additionnent jamais.",
    "dashboard.regions.indicatorsCaption": "Réalisé de chaque indicateur par région, du {from} au {to}",
    "dashboard.regions.sharesChart":
      "Où les résultats de chaque indicateur ont été rapportés, en parts de la somme des régions",
    "dashboard.regions.noIndicators":
      "Aucun indicateur de ce plan que vous pouvez voir n’est ventilé par région.",
    "dashboard.regions.noGenderBreakdown": "Non ventilé par genre : pas de chiffre pour ce filtre.",
    "dashboard.regions.notCombinable":
      "Les pourcentages et les niveaux ne s’additionnent pas d’un genre à l’autre : choisissez un genre.",
    "dashboard.regions.entries": "Saisies approuvées par région",
    "dashboard.regions.entriesHint":
      "Les {count} saisies approuvées les plus récentes nommant chaque région, des plus récentes aux plus anciennes.",
    "dashboard.regions.entriesCaption": "{region} : saisies approuvées du {from} au {to}",
    "dashboard.regions.noEntries": "Aucune saisie approuvée ne nomme cette région pour ces périodes.",
    "dashboard.regions.valueThere": "Valeur dans la région",
    "rollup.state.not_due": "Pas encore attendu",
    "rollup.status.on_track": "En bonne voie",
    "rollup.status.behind": "En retard",
    "rollup.status.at_risk": "À risque",
    "rollup.status.no_data": "Pas de données",
    "rollup.status.not_yet_due": "Pas encore dû",
    "rollup.status.not_applicable": "Sans objet",
    "rollup.change.improved": "Amélioré",
    "rollup.change.worsened": "Dégradé",
    "rollup.change.changed": "Modifié",
    "rollup.change.added": "Ajouté",
    "rollup.change.removed": "Retiré",
    "rollup.state.approved": "Approuvé",
    "rollup.state.submitted": "Soumis, en attente de vérification",
    "rollup.state.missing": "Manquant (dans le délai de rapport)",
    "rollup.state.overdue": "Hors délai",

    // Ce qui n’est pas évalué faute de cibles, et les chiffres montrés à la place (plans sourcés comme ceux du NSWP).
    "rollup.unjudged.noTarget": "Non évalué : pas de cible",
    "rollup.unjudged.figuresWithoutTargets":
      "Non évalué : des chiffres sont rapportés, mais aucune cible ne permet de les évaluer",
    "rollup.unjudged.noTargets": "Non évalué : aucune cible fixée",
    "dashboard.col.latestFigure": "Dernier chiffre rapporté",
    "dashboard.figuresNote":
      "Un indicateur sans cible ne peut pas être évalué : son dernier chiffre est affiché à la place, avec le passage de la source dont il provient.",
    "dashboard.trendEmpty.noIndicators":
      "Rien à tracer : aucun indicateur ne mesure encore ce plan, il n’y a donc pas de progrès à suivre dans le temps.",
    "dashboard.trendEmpty.noTargets":
      "Rien à tracer : aucun des indicateurs n’a de cible, le progrès par rapport à l’attendu ne peut donc être calculé à aucune date. Les chiffres rapportés sont listés avec leurs sources sous « Indicateurs » ci-dessous.",
    "dashboard.trendEmpty.nothingJudged":
      "Rien à tracer : rien n’a pu être évalué à la fin d’un trimestre entre le {from} et le {asOf} (aucun chiffre approuvé pour l’instant, ou rien d’attendu).",
    "dashboard.inputsEmpty.noIndicators":
      "Rien à tracer : aucun indicateur ne mesure cet élément ni ses parties, aucune de ses composantes ne peut donc être évaluée.",
    "dashboard.inputsEmpty.noTargets":
      "Rien à tracer : aucun des indicateurs sous cet élément n’a de cible, aucune de ses composantes ne peut donc être évaluée. Le tableau les liste, avec le dernier chiffre rapporté lorsqu’il y en a un.",
    "dashboard.inputsEmpty.nothingJudged":
      "Rien à tracer : aucune de ses composantes n’est évaluée au {day} (aucun chiffre approuvé pour l’instant, ou rien d’attendu).",
    "dashboard.countsEmpty": "Rien à tracer : aucun indicateur ni élément de ce plan n’est visible.",
  },
);
