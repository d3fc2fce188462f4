"""Module 3 in Spanish: with CAREERKIT_LANG=es the demo participant sees every exercise in Spanish, and the
repeat-back drill, the check for a closed question and the charts work on Spanish words.

Matching in Spanish folds accents ("qué" is "que"), reads any letter as part of a word ("¿" and "¡" are not), and
stems with Snowball's Spanish stemmer, so "interrumpí" and "interrumpir" meet; English keeps the kit's own stemmer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.modules.feedback import charts, drill_views
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill as dr
from careerkit.modules.feedback.views import EXERCISES
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text
from shown import assert_filled_in_spanish, chart_words, english_sentences

MODULE = Path(fb.__file__).parent


def view_of(key: str, book):
    return exercise_class(key)(book)


# the demo participant
def test_the_spanish_demo_answers_are_the_ones_loaded(es):
    answers = demo_answers()
    assert answers["feedback.real_feedback"]["question"] == (
        "¿Qué hago en la planificación que te hace más difícil decirme que no estás de acuerdo?")
    assert answers["feedback.contradictions"]["strengths"] == ["Excelente en crecimiento", "Gran capacidad de colaborar"]


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_demo_participant_sees_every_exercise_filled_and_in_spanish(es_demo, name):
    view = EXERCISES[name](es_demo)
    assert_filled_in_spanish(view, demo_answers()[view.key], english_sentences(MODULE))


def test_the_demo_s_saved_scores_are_what_the_spanish_scorer_gives(es):
    """The Spanish demo's drill history was scored by the Spanish scorer, as the English one by the English."""
    for attempt in demo_answers()["feedback.repeat_back"]["history"]:
        if attempt["mode"] == "solo":
            result = dr.score_statement(attempt["statement_id"], attempt["text"])
            assert (result.score, result.covered, result.defensive, result.tip) == (
                attempt["score"], attempt["covered"], attempt["defensive"], attempt["tip"])


# the repeat-back drill
def test_a_repeat_back_in_other_words_covers_the_points(es):
    said = ("Me dices que le corté la palabra a Priya y acabé sus frases, y que la gente ya no me trae "
            "propuestas. ¿Lo he entendido bien?")
    result = dr.score_statement("interrupts", said)
    assert result.covered == ["interrupting", "ideas_stopped"]
    assert (result.score, result.verdict, result.defensive, result.checks_understanding) == (100, "good", [], True)
    assert result.tip == ("Una repetición completa y sin defenderte: demuestra que has escuchado y que lo estás "
                          "asimilando [00:32:21].")


def test_inflections_without_accents_still_match():
    """'interrumpi', 'decidi' typed without their accents meet 'interrumpir', 'decidir'."""
    spanish = fb._spanish_stem
    assert {spanish(word) for word in ("interrumpir", "interrumpí", "interrumpi", "interrumpía", "interrumpiste")} == {
        "interrump"}
    assert {spanish(word) for word in ("decidir", "decidí", "decidi", "decidió", "decides")} == {"decid"}
    assert spanish("decisión") == spanish("decision") == spanish("decisiones")


def test_a_synonym_and_a_word_in_between_count_in_spanish(es):
    assert fb.mentions("Ingeniería las lee en diagonal", "leer por encima")
    assert fb.mentions("Terminaba sus frases", "terminar frase")
    assert fb.mentions("ya no se fían de mis números", "confianza")
    assert not fb.mentions("Terminé el informe y cerré la frase final del anexo", "terminar frase")


def test_a_repeat_back_that_misses_a_point_is_not_given_it(es):
    result = dr.score_statement("storyteller_details", "Mi relato del lanzamiento convenció a todo el mundo. ¿Es así?")
    assert result.covered == ["story_strong"] and result.missed == ["numbers_wrong", "sales_check"]
    assert result.verdict == "partial" and result.score == 53
    assert result.tip == ("Te has dejado: «Las cifras estaban mal». Repite también la parte difícil, aunque escueza "
                          "[00:32:21].")
    off = dr.score_statement("credit", "El rediseño del onboarding quedó precioso.")
    assert off.covered == [] and off.score == 0 and off.verdict == "off_topic"


def test_a_spanish_defence_is_named_as_the_learner_typed_it(es):
    result = dr.score_statement("interrupts", "Interrumpí a Priya, pero es que íbamos tarde.")
    assert result.defensive == ["but"] and result.verdict == "defensive"
    assert result.tip.startswith("Quita «pero»: ahora mismo tu único trabajo es demostrar que lo has oído.")
    said = "Interrumpí a Priya porque estabamos sin tiempo."
    assert dr.typed_markers(said, dr.defensive_markers(said)) == ["porque estabamos"]


def test_the_feedback_s_own_words_are_an_echo_not_a_defence(es):
    """A learner who says every statement back word for word, then checks, gets full marks: no marker counted."""
    for item in fb.content().statements:
        result = dr.score_statement(item.id, f"{item.text} ¿Lo he entendido bien?")
        assert (result.score, result.defensive) == (100, []), item.id
    assert dr.defensive_markers("Yo no compartí el plan hasta el día antes.", "Tú no compartiste el plan.") == []
    assert dr.defensive_markers("Yo no compartí el plan hasta el día antes.", "El plan llegó tarde.") == ["i_didnt"]


def test_a_spanish_check_phrase_ends_the_repeat_back(es):
    assert dr.checks_understanding("Dices que mis especificaciones son largas. ¿Lo he entendido bien?")
    assert dr.checks_understanding("Dices que mis especificaciones son largas, ¿es así?")
    assert dr.checks_understanding("dices que son largas\nlo he entendido bien")  # no accents, no marks
    assert not dr.checks_understanding("¿Lo he entendido bien? En fin, esa semana estaba cansada.")
    assert not dr.checks_understanding("Dices que mis especificaciones son largas.")


def test_pair_mode_cuts_spanish_feedback_at_y_and_pero(es):
    points = dr.points_from_text("Te quedas callada en la planificación, pero luego discrepas en el pasillo.")
    assert [p.label for p in points] == ["Te quedas callada en la planificación", "luego discrepas en el pasillo"]
    said = "Te quedas callada en la planificación, pero luego discrepas en el pasillo."
    half = dr.score_repeat_back(points, "Me quedo callada en las reuniones de planificación. ¿Es así?", said)
    assert half.covered == ["p1"] and half.missed == ["p2"] and half.tip_kind == "missed"


# real feedback: open and closed questions
@pytest.mark.parametrize(("question", "closed"), [
    ("¿Qué hago en las reuniones que te hace más difícil llevarme la contraria?", False),
    ("¿Cómo podría preparar mejor la revisión?", False),
    ("¿Por qué crees que no me ascendieron?", False),
    ("que hago mal en las reuniones", False),  # no marks, no accents: still a question word first
    ("Si tuvieras que cambiar una cosa de mis reuniones, ¿cuál sería?", False),  # read from the '¿'
    ("¿Hay algo que pueda mejorar?", True),
    ("¿Te pareció bien cómo llevé la revisión?", True),
    ("Sobre la revisión, ¿me salió bien?", True),
    ("¿Porque no me ascienden?", True),  # 'porque' is not 'por qué'
])
def test_a_spanish_closed_question_is_told_from_an_open_one(es, question, closed):
    assert dr.is_closed(question) is closed


def test_the_real_feedback_plan_checks_in_spanish(es):
    plan = dr.RealFeedbackPlan(givers=[dr.Giver(name="Kim", relation="Manager")], safety=["repeat_back"],
                               question="¿Tienes algún feedback para mí?")
    assert dr.check_real_feedback(plan) == [
        "Todas las personas que has nombrado son tu jefe o jefa: de ahí viene el feedback formal. Añade a alguien de "
        "tu nivel o de tu equipo para tener feedback real [00:30:41] (sugerencia propia del kit).",
        "«algún feedback» invita a respuestas educadas y formales. Pregunta por una cosa concreta que podrías hacer de "
        "otra manera.",
        "Esa pregunta se puede responder con un sí o un no. Empiézala con «Qué» o «Cuál».",
    ]
    open_plan = plan.model_copy(update={"question": "¿Qué debería dejar de hacer en la planificación?"})
    assert dr.check_real_feedback(open_plan) == [
        "Todas las personas que has nombrado son tu jefe o jefa: de ahí viene el feedback formal. Añade a alguien de "
        "tu nivel o de tu equipo para tener feedback real [00:30:41] (sugerencia propia del kit)."]


def test_a_relation_is_saved_by_its_id_and_shown_in_spanish(make_workbook, es):
    """An answer saved in English ("Peer") shows its Spanish label, and a Spanish choice saves the same id."""
    book = make_workbook(answers={"feedback.real_feedback": {"givers": [{"name": "Sam", "relation": "Peer"}]}})
    view = drill_views.RealFeedbackView(book)
    relation = view.givers.rows[0]["relation"]
    assert relation.label == "Colega de tu nivel" and relation.value == "Peer"
    assert [label for label, _ in relation.options] == [
        "Tu jefe o jefa", "Colega de tu nivel", "Persona a tu cargo", "Equipo con el que colaboras",
        "Jefe o jefa de tu jefe", "Cliente", "Otra relación"]
    relation.label = "Persona a tu cargo"
    saved = Workbook(book.participant, book.home).get("feedback.real_feedback")
    assert saved["givers"][0]["relation"] == "Direct report"
    assert fb.relation_label("Direct report") == "Persona a tu cargo"


# the exercises' feedback and charts
def test_the_drill_report_and_its_chart_in_spanish(es_demo):
    view = view_of("feedback.repeat_back", es_demo)
    assert view.title == "Práctica de repetir lo escuchado"
    message = plain_text(view.message.value)
    assert "Puntuación: 100/100" in message and "Ingeniería las lee por encima" in message
    assert "5 repeticiones registradas, puntuación media 82.4." in message
    words = chart_words(charts.drill_history(dr.RepeatBackLog.model_validate(demo_answers()["feedback.repeat_back"])))
    assert words[:3] == ["Tus repeticiones a lo largo del tiempo", "Intento", "Puntuación (0-100)"]
    assert {"Puntuación a solas", "Puntuación en pareja", "Vueltas"} <= set(words)


def test_promotion_stall_in_spanish_with_its_chart(es_demo):
    view = view_of("feedback.promotion_stall", es_demo)
    assert view.title == "¿Por qué no llega mi ascenso?"
    message = plain_text(view.message.value)
    assert "1. Un área de desarrollo no reconocida: 55% (tasa base 50%: De la fuente: más o menos la mitad de las " \
           "veces [00:28:57].)" in message
    assert ("«Cuando pregunto por qué no me ascendieron, la respuesta es vaga.»: más bien cierto (propio del kit, "
            "a partir de [00:29:10])") in message
    assert "Busca un nuevo jefe que te defienda [00:26:26]" in message
    assert view.questions["fast_before"].label == "Cierto"
    answer = fb.PromotionStall.model_validate(demo_answers()["feedback.promotion_stall"])
    words = chart_words(charts.stall_ranking(answer.ranked))
    assert words[:3] == ["¿Por qué no llega mi ascenso?", "Parte de la evidencia (%)", "Causa"]
    assert {"Impaciencia", "Falta de apoyo", "Tasa base"} <= set(words)


def test_shadows_in_spanish_with_its_chart(es_demo):
    view = view_of("feedback.shadows", es_demo)
    assert view.title == "Las sombras de tus superpoderes"
    message = plain_text(view.message.value)
    assert ("Excelente en crecimiento → sombra: Puede costarte innovar [00:55:34]. Aquí es donde vive la sombra: "
            "puede costarte innovar.") in message
    answer = fb.Shadows.model_validate(demo_answers()["feedback.shadows"])
    words = chart_words(charts.shadows_grid(answer))
    assert words[:3] == ["Tus superpoderes y sus sombras", "Cuánto lo usas", "Superpoder"]
    assert {"Demasiado poco", "En su justa medida", "Demasiado", "Sombra: Puede costarte innovar"} <= set(words)


def test_contradictions_in_spanish_with_its_chart(es_demo):
    view = view_of("feedback.contradictions", es_demo)
    assert view.title == "Registro de feedback contradictorio"
    message = plain_text(view.message.value)
    assert ("Lee cuestiona «Gran capacidad de colaborar»: «Presiono hasta que la gente está de acuerdo conmigo». "
            "No lo archives como una anomalía") in message
    log = fb.ContradictionLog.model_validate(demo_answers()["feedback.contradictions"])
    matrix = fb.find_contradictions(log)
    assert matrix.cells == [["contradicts", "", "", "affirms"], ["", "affirms", "contradicts", ""]]
    words = chart_words(charts.contradiction_matrix(matrix))
    assert words[:3] == ["Tus fortalezas frente al feedback que registraste", "Feedback (quién lo dio)",
                         "Fortaleza que te atribuyes"]
    assert {"contradice", "confirma", "Contradice", "Confirma", "1. CPO"} <= set(words)


def test_english_matching_is_unchanged_beside_spanish(es, monkeypatch):
    """The kit's English stemmer stays English's, whatever was matched in Spanish before."""
    assert fb.stem("interrumpiste") == "interrump"
    monkeypatch.setenv("CAREERKIT_LANG", "en")
    assert fb.stem("organisations") == "organisat" and fb.stem("interrupted") == "interrupt"
    assert fb.content().statements[0].points[0].label == "You interrupt people and finish their sentences"
