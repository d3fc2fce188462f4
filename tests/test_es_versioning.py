"""Module 1 in Spanish: with CAREERKIT_LANG=es the demo participant sees every exercise in Spanish.

The saved Spanish demo answers (modules/versioning/demo.es.json) are shown in the controls, the feedback and the
charts speak Spanish, and a choice saved by its id (a stage, a reason, a sign) shows its Spanish label.
"""

from __future__ import annotations

from pathlib import Path

from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.modules.versioning import domain as v
from careerkit.modules.versioning.views import EXERCISES
from careerkit.ui.exercise import plain_text
from shown import assert_filled_in_spanish, chart_words, english_sentences

MODULE = Path(v.__file__).parent


def view_of(key: str, book):
    return exercise_class(key)(book)


def test_the_spanish_demo_answers_are_the_ones_loaded(es):
    answers = demo_answers()
    assert answers["versioning.end_state"]["role"] == (
        "Chief Product Officer de una empresa de tecnología climática en fase intermedia")
    assert answers["versioning.portfolio"]["gap_to_fill"] == "pre_pmf:consumer"


def test_the_demo_participant_sees_every_exercise_filled_and_in_spanish(es_demo):
    english = english_sentences(MODULE)
    for cls in EXERCISES.values():
        view = cls(es_demo)
        assert_filled_in_spanish(view, demo_answers()[view.key], english)


def test_end_state_in_spanish(es_demo):
    view = view_of("versioning.end_state", es_demo)
    assert view.title == "Tu estado final"
    assert view.role.value == "Chief Product Officer de una empresa de tecnología climática en fase intermedia"
    assert view.horizon.description == "Años"
    assert "Dentro de 15 años: <b>Chief Product Officer de una empresa" in view.message.value
    assert "Ahora trabaja hacia atrás desde ahí." in view.message.value
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Tu estado final (versioning.end_state)\nDentro de 15 años")
    view.horizon.value = 25
    assert "25 años queda fuera de los 10 a 20 que sugiere el kit" in plain_text(view.message.value)


def test_roadmap_in_spanish_with_its_chart(es_demo):
    view = view_of("versioning.roadmap", es_demo)
    assert view.title == "Tu hoja de ruta de versiones"
    first = view.rows.rows[0]
    assert first["role"].value == "Product Manager, pagos"
    assert first["stage"].label == "Del fuego a algo grande" and first["market"].label == "Consumo"
    assert view.rows.rows[2]["market"].label == "Entre empresas (B2B)"
    assert view.skip_job.value == "VP de Producto: responsable de un portafolio, no de un producto"
    assert "Una hoja de ruta que va más allá del próximo puesto" in view.message.value
    words = chart_words(view.chart(v.Roadmap.model_validate(demo_answers()["versioning.roadmap"])))
    assert words[:3] == ["Tus versiones de carrera a lo largo del tiempo", "Año", "Versión"]
    assert {"Antes del encaje producto-mercado", "Del humo al fuego", "B2B (rayado)"} <= set(words)


def test_roadmap_problems_in_spanish(es_demo):
    view = view_of("versioning.roadmap", es_demo)
    view.skip_job.value = ""
    assert "Ponle nombre al puesto skip: el puesto de tu jefe de tu jefe" in plain_text(view.message.value)
    view.rows.rows[3]["end_year"].value = 2020
    words = plain_text(view.message.value)
    assert "termina (2020) antes de empezar (2030)" in words, words
    assert "Versión 4" in words


def test_promotion_check_in_spanish(es_demo):
    view = view_of("versioning.promotion_check", es_demo)
    assert view.title == "Hacer carrera no es lo mismo que ascender"
    table = plain_text(view.flags.value)
    assert "Ascenso en el mismo sitio" in table and "Donde estás ahora: el punto de partida" in table
    assert "Aprendizaje nuevo: una empresa nueva." in table
    assert view.reflection.value.startswith("La v2 es un ascenso en el mismo sitio.")
    assert "Ascenso en el mismo sitio: v2. ¿Qué lo convertiría en una versión nueva?" in view.message.value


def test_portfolio_in_spanish_with_its_chart(es_demo):
    view = view_of("versioning.portfolio", es_demo)
    assert view.title == "Tu portafolio de etapas"
    assert view.gap.label == "Antes del encaje producto-mercado x Consumo"
    assert view.gap.options[0][0] == "(elige un vacío)"
    assert ("Vacíos en tu hoja de ruta: Antes del encaje producto-mercado x Consumo; Del humo al fuego x Consumo; "
            "Del fuego a algo grande x Entre empresas (B2B).") in view.message.value
    words = chart_words(view.chart(None))
    assert words[:3] == ["Tu portafolio de etapas (años)", "Mercado", "Etapa de la empresa"]
    assert {"Consumo", "Entre empresas (B2B)", "Del humo al fuego", "vacío"} <= set(words)


def test_stay_or_go_in_spanish(es_demo):
    view = view_of("versioning.stay_or_go", es_demo)
    assert view.title == "¿Aguantar o pasar página?"
    assert view.reasons._boxes["boss"].value
    assert view.reasons._boxes["boss"].description == "No me gusta mi jefe [00:07:43]"
    words = plain_text(view.message.value)
    assert "Aguanta: esta versión todavía tiene valor para tu hoja de ruta a largo plazo [00:08:56]." in words
    assert "Lo que te empuja a irte: No me gusta mi jefe. Las razones a corto plazo como estas" in words
    view.cost.value = 10
    view.learning.value = 0
    view.story.value = 1
    assert "Pasa página, hacia tu siguiente versión." in plain_text(view.message.value)


def test_alternatives_in_spanish_with_its_chart(es_demo):
    view = view_of("versioning.alternatives", es_demo)
    assert view.title == "Tres hojas de ruta alternativas"
    assert [plan["name"].value for plan in view.plans] == ["Camino a CPO", "Emprender", "Docencia"]
    assert view.plans[0]["likability"].description == "Agrado"
    words = plain_text(view.message.value)
    assert "Recursos: «Camino a CPO» va en cabeza (7/10)." in words
    assert "El más alto en total: «Camino a CPO». ¿Es el que estás viviendo ahora?" in words
    assert "Plan Odisea (Odyssey Plan)" in view.controls[1].value
    words = chart_words(view.chart(v.Alternatives.model_validate(demo_answers()["versioning.alternatives"])))
    assert words[:3] == ["Tres hojas de ruta alternativas en cuatro indicadores", "Indicador", "Valoración (0-10)"]
    assert {"Recursos", "Agrado", "Confianza", "Coherencia", "Camino a CPO"} <= set(words)


def test_ex_growth_in_spanish_with_its_chart(es_demo):
    view = view_of("versioning.ex_growth", es_demo)
    assert view.title == "La prueba de la empresa post-crecimiento"
    assert view.company.value == "Imaginary Grid Co (una oferta)"
    words = plain_text(view.message.value)
    assert "Riesgo: medio (lectura propia del kit)" in words
    assert "Cuesta mucho esfuerzo conseguir usuarios: el producto apenas atrae por sí mismo [00:20:58]" in words
    assert "(peso según el kit: 2)" in words
    assert "los empleados, en general, no tienen a qué recurrir" in words
    assert ("se cumplen en tu caso: es el puesto más alto que podría conseguir ahora mismo y me ofrece un "
            "aprendizaje que no podría obtener en ningún otro sitio [00:21:34]. Sopésalas junto a esa "
            "recomendación por defecto: no la anulan.") in words
    assert "un recorte de sueldo efectivo del 21.1%" in words
    words = chart_words(view.chart(v.ExGrowth.model_validate(demo_answers()["versioning.ex_growth"])))
    assert words[0] == "Si las acciones pasan a valer cero" and words[2] == "Remuneración al año"
    assert {"Base + acciones (en papel)", "Solo la base (acciones a cero)", "Total de mercado"} <= set(words)


def test_a_choice_saved_by_id_shows_its_spanish_label(make_workbook, es):
    book = make_workbook(answers={
        "versioning.stay_or_go": {"short_term_reasons": ["logo"]},
        "versioning.ex_growth": {"signals": ["lost_trajectory"], "stay_reasons": ["loyalty", "unique_learning"]},
        "versioning.roadmap": {"versions": [{"role": "PM", "stage": "smoke_to_fire", "market": "b2b",
                                             "start_year": 2024, "end_year": 2026}]},
    })
    stay = view_of("versioning.stay_or_go", book)
    assert stay.reasons._boxes["logo"].value
    assert stay.reasons._boxes["logo"].description == (
        "Me ofrecen un logo más famoso (propio del kit, a partir de [00:11:20])")
    assert "Incluir aquí un logo es elección del kit." in plain_text(stay.message.value)
    check = view_of("versioning.ex_growth", book)
    assert check.stay._boxes["loyalty"].description == "Lealtad al equipo [00:21:34]"
    words = plain_text(check.message.value)
    assert "Riesgo: medio" in words
    assert "se cumplen en tu caso: lealtad al equipo [00:21:34]" in words
    assert ("La fuente presenta estas razones juntas: es el puesto más alto que podría conseguir ahora mismo y me "
            "ofrece un aprendizaje que no podría obtener en ningún otro sitio [00:21:34].") in words
    roadmap = view_of("versioning.roadmap", book)
    row = roadmap.rows.rows[0]
    assert (row["stage"].label, row["market"].label) == ("Del humo al fuego", "Entre empresas (B2B)")


def test_english_is_unchanged_beside_spanish(make_workbook, monkeypatch):
    """The same process shows English again once the language is English: nothing Spanish is cached for it."""
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    assert v.content().stages[0].label == "Antes del encaje producto-mercado"
    monkeypatch.setenv("CAREERKIT_LANG", "en")
    assert v.content().stages[0].label == "Pre-product-market fit"
    view = view_of("versioning.stay_or_go", make_workbook(answers={"versioning.stay_or_go": {"short_term_reasons": ["boss"]}}))
    assert view.reasons._boxes["boss"].description == "I dislike my boss [00:07:43]"
