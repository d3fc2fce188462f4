"""Module 4 in Spanish: the demo participant opens each Act 3 exercise with CAREERKIT_LANG=es and reads Spanish
answers, Spanish feedback, Spanish charts, and plurals that agree with their number."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import careerkit as ck
from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.modules.act3 import charts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
from careerkit.store import session
from careerkit.ui.exercise import plain_text
from shown import assert_shows

TODAY = date(2026, 1, 15)
DEMO_ES = Path(__file__).resolve().parents[1] / "src" / "careerkit" / "modules" / "act3" / "demo.es.json"


def shown(name: str):
    exercise = ck.show(f"act3.{name}")
    return exercise, plain_text(exercise.message.value)


def line(**changes) -> cl.CareerLine:
    base = {"age": 31, "this_year": 2026, "start_age": 23, "span_years": 65, "act2_age": 34, "act3_age": 50,
            "goal_end_age": 46}
    return cl.CareerLine.model_validate(base | changes)


def chart_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


# the demo participant, exercise by exercise
def test_the_spanish_demo_answers_are_the_ones_shown(es_demo):
    answers = demo_answers()
    assert {k: v for k, v in answers.items() if k.startswith("act3.")} == json.loads(DEMO_ES.read_text(encoding="utf-8"))
    assert answers["act3.north_star"]["sentence"] == "Ayudar a mil personas de producto a construir cosas que reduzcan las emisiones."


@pytest.mark.parametrize("name", ["career_line", "rabbit", "arcs", "north_star", "community"])
def test_the_demo_participant_sees_every_exercise_filled_in_spanish(es_demo, name):
    exercise, _ = shown(name)
    assert_shows(exercise, demo_answers()[exercise.key])
    assert "ck-problem" not in exercise.message.value


def test_the_career_line_reads_out_in_spanish(es_demo):
    line_view, words = shown("career_line")
    assert line_view._repr_mimebundle_()["text/plain"].startswith("Toda tu carrera en una línea (act3.career_line)")
    assert ("Tu carrera va de los 23 a los 88 años. Tu objetivo actual termina a los 46: después quedan 42 años "
            "(el 65 % de tu carrera) [01:05:50].") in words
    assert "Ese tramo necesita una Estrella Polar propia: es el trabajo del Acto 3 [01:06:05]." in words
    labels = plain_text("".join(c.children[0].value for c in line_view.controls[:7] if hasattr(c, "children")))
    assert "Tu edad" in labels and "La edad a la que empezó tu carrera" in labels
    assert "Edad a la que empieza el Acto 2 (Liderar y escalar: la primera Estrella Polar)" in labels
    assert "El pódcast nombra el Acto 3 [01:06:05]" in line_view.controls[7].value


def test_the_rabbit_check_is_private_and_reads_out_gently_in_spanish(es_demo):
    rabbit, words = shown("rabbit")
    assert rabbit.rabbit.value == "Llegar a Chief Product Officer de una empresa de tecnología climática"
    assert [label for label, _ in rabbit.stage.options][0] == "Todavía la persigo"
    assert [label for label, _ in rabbit.signs["habits"].options] == [
        "Últimamente no", "De vez en cuando", "A menudo", "Casi todos los días"]
    assert "nunca forman parte de tu plan exportado" in plain_text(rabbit.controls[3].value)
    assert "Ahora mismo, nada de esto pide mucha atención." in words
    assert ("la trampa suele aparecer después de atrapar la liebre, no antes. (propio del kit, a partir de "
            "[01:05:02])") in words
    assert "Tienes algo en la pista después de la liebre: el Acto 3 se construye sobre eso." in words
    rabbit.stage.value = "caught"
    rabbit.after.value = ""
    words = plain_text(rabbit.message.value)
    assert "Un perro que atrapa la liebre falsa puede que no vuelva a correr nunca [01:05:02]" in words


def test_the_arcs_read_out_in_spanish(es_demo):
    arcs, words = shown("arcs")
    assert arcs.columns["giving"]["first_step"].value == (
        "Publicar un artículo al mes sobre cómo construir productos climáticos")
    assert "Tu energía apunta hacia dar a los demás [01:09:41]." in words
    assert "Economía a escala: lo que más te daría es riqueza (7/10)." in words
    assert "Dar a los demás: lo que más te daría es beneficio para los demás (9/10)." in words
    arcs.columns["giving"]["first_step"].value = "x" * 300
    assert "Arco 2, primer paso: es demasiado largo: no pases de 200 caracteres." in plain_text(arcs.message.value)


def test_the_north_star_is_confirmed_in_spanish_and_a_catchable_one_is_flagged(es_demo):
    star, words = shown("north_star")
    assert "Una dirección que puede durar más que cualquier cargo." in words
    star.sentence.value = "Llegar a vicepresidenta de producto. Después, la salida a bolsa."
    words = plain_text(star.message.value)
    assert "Que quepa en una frase" in words
    assert ("Tu frase menciona «vicepresidenta», «salida a bolsa»: un objetivo que se puede atrapar, como la liebre "
            "falsa (propio del kit, a partir de [01:05:02]).") in words


def test_a_direction_is_not_a_catchable_word_in_spanish(es):
    assert act3.catchable_words("Marcar la dirección: ayudar a quienes están a cargo de producto") == []
    assert act3.catchable_words("Ser directora de producto, o CEO") == ["ceo", "directora"]


def test_the_community_plan_reads_out_in_spanish(es_demo):
    community, words = shown("community")
    assert ("Este mes: Meetup de creadores de productos climáticos. Las comunidades dan seguridad, compañía y "
            "prácticas compartidas [00:46:16].") in words
    row = community.rows.rows[0]
    assert [label for label, _ in row["kind"].options] == ["Interna (dentro de tu empresa)", "Externa (colegas de otras empresas)"]
    assert row["get_not_alone"].description == "La sensación de no estar solo"


def test_community_checks_speak_spanish(es):
    plan = act3.CommunityPlan.model_validate(
        {"communities": [{"name": "Guild de producto", "kind": "internal", "gets": ["safety"]}]})
    problems = act3.check_community(plan)
    assert problems == [
        "Aún no tienes ninguna comunidad externa: la fuente nombra los dos tipos [00:46:16].",
        "Ninguna te da la sensación de no estar solo [00:46:33].",
        "Ninguna te da buenas prácticas compartidas [00:46:36].",
        "¿Qué aportarías a «Guild de producto»? Las comunidades funcionan en los dos sentidos.",
        "Elige una comunidad a la que unirte este mes, y cómo.",
    ]


def test_a_step_check_names_the_arc_in_spanish(es):
    answer = act3.Arcs.model_validate({"plans": [{"arc": "scaled_economics", "energy": 2},
                                                 {"arc": "giving", "energy": 2, "first_step": "Dar una charla"}]})
    reading = act3.read_arcs(answer, TODAY)
    assert reading.headline.startswith("Ninguno de los dos arcos te atrae mucho todavía.")
    assert "Economía a escala: esboza un primer paso, por pequeño que sea." in reading.lines
    assert "Dar a los demás: ponle fecha a tu primer paso." in reading.lines


# the charts
def test_the_career_line_chart_is_drawn_in_spanish(es):
    fig = charts.career_line(cl.career_timeline(line()), "Ayudar a mil personas de producto")
    ax = fig.axes[0]
    assert ax.get_title() == "Toda tu carrera en una línea"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Edad", "Actos e hitos")
    texts = chart_texts(fig)
    assert {"Acto 1", "Acto 2", "Acto 3", "Tú, 31 años", "Fin del objetivo, 46 años"} <= set(texts)
    assert "42 años después de tu objetivo\nSegunda Estrella Polar: Ayudar a mil personas de producto" in texts


def test_the_arcs_and_community_charts_are_drawn_in_spanish(es):
    plans = {"plans": [{"arc": "scaled_economics", "gains": {"wealth": 7}, "energy": 4},
                       {"arc": "giving", "gains": {"benefit": 9}, "energy": 8}]}
    fig = charts.arcs_energy(act3.Arcs.model_validate(plans))
    bars, compass = fig.axes
    assert fig.get_suptitle() == "Hacia dónde apunta tu energía en el Acto 3"
    assert (bars.get_title(), bars.get_xlabel(), bars.get_ylabel()) == (
        "Lo que te daría cada arco", "Valoración (0-10)", "Lo que te daría")
    assert [t.get_text() for t in bars.get_yticklabels()] == [
        "Riqueza", "Plenitud", "Beneficio para los demás", "Una razón para seguir corriendo"]
    assert [t.get_text() for t in bars.get_legend().get_texts()] == ["Economía a escala", "Dar a los demás"]
    assert (compass.get_title(), compass.get_xlabel(), compass.get_ylabel()) == (
        "Tu energía", "Economía a escala (energía 0-10)", "Dar a los demás (energía 0-10)")
    plan = act3.CommunityPlan.model_validate(
        {"communities": [{"name": "Guild", "kind": "internal", "gets": ["safety", "practice"]}]})
    ax = charts.community_coverage(plan).axes[0]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        "Lo que te darían tus comunidades", "Número de comunidades", "Beneficio")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Interna", "Externa"]


# plurals
@pytest.mark.parametrize(
    ("goal_end", "read_out", "on_the_line"),
    [
        (87, "después queda 1 año (el 2 % de tu carrera)", "1 año después de tu objetivo\nAún sin Estrella Polar"),
        (86, "después quedan 2 años (el 3 % de tu carrera)", "2 años después de tu objetivo\nAún sin Estrella Polar"),
    ],
)
def test_years_after_the_goal_agree_with_their_number_in_spanish(es, goal_end, read_out, on_the_line):
    one = line(goal_end_age=goal_end)  # the career ends at 88
    assert read_out in cl.read_career_line(one)[0]
    assert on_the_line in chart_texts(charts.career_line(cl.career_timeline(one)))


def test_the_english_demo_is_untouched_without_the_setting(demo_env):
    exercise = exercise_class("act3.north_star")(session.workbook())
    assert exercise.sentence.value == "Help a thousand product people build things that cut emissions."
