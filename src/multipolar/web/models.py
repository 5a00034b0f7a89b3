"""Response models of the JSON API (they make the OpenAPI spec at ``/openapi.json``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class EventOut(BaseModel):
    """One coded event with the title of its article."""

    id: str
    article_id: str
    date: dt.date | None = None
    plover: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    goldstein: float | None = None
    mode: str | None = None
    modality: str | None = None
    negated: bool | None = None
    source_code: str | None = None
    source_country: str | None = None
    source_text: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_text: str | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    sentence: str | None = None
    rule: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    quote_id: str | None = None
    timing: str | None = None
    domestic: bool | None = None
    article_title: str | None = None


class EventPage(BaseModel):
    """One page of an event search."""

    total: int
    page: int
    per_page: int
    pages: int
    events: list[EventOut]
    hidden: dict[str, int] = Field(
        default_factory=dict,
        description="events matching the other filters that the timing/modality/domestic scope leaves out, by reason "
                    "(not_asserted, history_future, out_of_time, domestic; counted when the scope asks for others)",
    )


class DyadOut(BaseModel):
    """A dyad's counts (per period or category when asked)."""

    period: dt.date | None = None
    source: str
    target: str
    category: str | None = None
    events: int
    cooperation: int
    conflict: int
    neutral: int
    scored: int
    goldstein_sum: float
    goldstein_mean: float | None = None
    weight: float
    cooperation_weight: float
    conflict_weight: float


class ActorRowOut(BaseModel):
    """An actor in the list of the most active actors."""

    actor: str
    events: int
    share: float
    cooperation: int
    conflict: int
    goldstein_mean: float | None = None
    partners: int


class ActorSummaryOut(BaseModel):
    """An actor's activity over the period."""

    actor: str
    events: int
    as_source: int
    as_target: int
    world_events: int
    share: float
    cooperation: int
    conflict: int
    goldstein_mean: float | None = None
    partners: int


class RelationOut(BaseModel):
    """An actor's relation to one partner or adversary."""

    partner: str
    events: int
    cooperation: int
    conflict: int
    cooperation_weight: float
    conflict_weight: float
    weight: float


class SeriesOut(BaseModel):
    """An actor's events in one period."""

    period: dt.date
    events: int
    cooperation: int
    conflict: int
    goldstein_mean: float | None = None


class QuoteOut(BaseModel):
    """A quote with its article."""

    id: str
    article_id: str
    date: dt.date | None = None
    title: str | None = None
    kind: str | None = None
    text: str | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    speaker_country: str | None = None
    verb: str | None = None
    cue: str | None = None
    cue_class: str | None = None


class BlocMemberOut(BaseModel):
    """An actor's bloc (0 = unaligned) and how firmly it belongs."""

    actor: str
    bloc: int
    alignment: float
    strength: float
    positive: float
    negative: float
    events: int


class BlocOut(BaseModel):
    """A bloc: its members, leader and cohesion."""

    bloc: int
    size: int
    leader: str | None = None
    members: list[str]
    positive: float
    negative: float
    cohesion: float | None = None


class CohesionOut(BaseModel):
    """A bloc's cohesion in one period."""

    period: dt.date
    bloc: int
    status: str | None = None  # "ok" or "too few events" (then cohesion and density are empty)
    events: int
    cooperation: int
    conflict: int
    positive: float
    negative: float
    cohesion: float | None = None
    density: float | None = None


class PolarityOut(BaseModel):
    """Polarity measures of one period (see the analysis README for the formulas)."""

    period: dt.date | None = None
    status: str | None = None  # "ok" or "too few events" (then the measures are empty)
    actors: int | None = None
    events: int
    blocs: int | None = None
    unaligned: int | None = None
    poles: float | None = None
    actor_poles: float | None = None
    largest_pole_share: float | None = None
    within_share: float | None = None
    across_share: float | None = None
    balance: float | None = None


class SensitivityOut(BaseModel):
    """Polarity summarised for one period length."""

    freq: str
    periods: int
    mean_events: float | None = None
    poles_mean: float | None = None
    poles_std: float | None = None
    poles_min: float | None = None
    poles_max: float | None = None
    actor_poles_mean: float | None = None
    within_share_mean: float | None = None
    balance_mean: float | None = None


class NodeOut(BaseModel):
    """A node of the drawn network with its position in [0, 1]²."""

    id: str
    x: float
    y: float
    bloc: int
    strength: float
    events: int


class EdgeOut(BaseModel):
    """A signed tie of the network."""

    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    positive: float
    negative: float
    weight: float


class NetworkOut(BaseModel):
    """The signed relation network of a period with its blocs."""

    since: dt.date | None = None
    until: dt.date | None = None
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    blocs: list[BlocOut]
    members: list[BlocMemberOut]


class OverviewOut(BaseModel):
    """Everything on the overview page."""

    counts: dict[str, int]
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    latest: list[EventOut]
    top_dyads: list[DyadOut]
    polarity: list[PolarityOut]
    network: NetworkOut


class RelatedOut(BaseModel):
    """An article sharing countries with another, close in date."""

    id: str
    title: str | None = None
    date: dt.date | None = None
    shared: int
    countries: list[str]


class ArticleOut(BaseModel):
    """An article with what was coded in it and related articles."""

    id: str
    title: str | None = None
    text: str
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None
    near_duplicate_of: str | None = None
    actors: list[dict[str, Any]]
    events: list[EventOut]
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    related: list[RelatedOut]


class DyadPageOut(BaseModel):
    """A dyad: both directions, its series, its breakdown by type, events and quotes."""

    actor: str
    partner: str
    freq: str
    directions: list[DyadOut]
    series: list[DyadOut]
    breakdown: list[DyadOut]
    events: list[EventOut]
    quotes: list[QuoteOut]


class ActorPageOut(BaseModel):
    """An actor's profile."""

    actor: str
    name: str | None = None
    freq: str
    summary: ActorSummaryOut
    partners: list[RelationOut]
    adversaries: list[RelationOut]
    series: list[SeriesOut]
    quotes: list[QuoteOut]
    events: list[EventOut]


class ArticleRowOut(BaseModel):
    """An article in the article list, with what was coded in it."""

    id: str
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    events: int
    quotes: int
    figures: int


class ArticlePage(BaseModel):
    """One page of the article list."""

    total: int
    page: int
    per_page: int
    pages: int
    articles: list[ArticleRowOut]


class QuoteRowOut(BaseModel):
    """A quote in the quote list: who said it, how (cue and its class), where."""

    id: str
    article_id: str
    date: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    kind: str | None = None
    text: str | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    speaker_code: str | None = None
    speaker_country: str | None = None
    cue: str | None = None
    cue_class: str | None = None
    verb: str | None = None


class QuotePage(BaseModel):
    """One page of the quote list."""

    total: int
    page: int
    per_page: int
    pages: int
    quotes: list[QuoteRowOut]


class FigureRowOut(BaseModel):
    """A figure (people killed, wounded, displaced, ...) with its article and country."""

    id: str
    article_id: str
    date: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    kind: str
    count: float
    qualifier: str | None = None
    who: str | None = None
    unit: str | None = None
    country: str | None = None
    text: str | None = None
    event_id: str | None = None


class FigureSeriesOut(BaseModel):
    """People killed, wounded or displaced in one country and period (largest figure per article, summed)."""

    period: dt.date
    country: str
    kind: str
    people: float
    articles: int


class FigurePage(BaseModel):
    """One page of the figure list with the series by period and country."""

    total: int
    page: int
    per_page: int
    pages: int
    freq: str
    figures: list[FigureRowOut]
    series: list[FigureSeriesOut]


class MapCountryOut(BaseModel):
    """Events located in one country (place, else target country)."""

    country: str
    events: int
    goldstein_mean: float | None = None


class MapPointOut(BaseModel):
    """Events at one place (coordinates rounded to 0.1 degree)."""

    latitude: float
    longitude: float
    place: str | None = None
    country: str | None = None
    events: int
    goldstein_mean: float | None = None


class MapOut(BaseModel):
    """What the map shows: events per country and located events grouped by place."""

    countries: list[MapCountryOut]
    points: list[MapPointOut]
    located: int
    events: int
    hidden: dict[str, int] = Field(default_factory=dict, description="events the scope leaves out, by reason (as /api/events)")
