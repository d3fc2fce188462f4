"""In Spanish (CAREERKIT_LANG=es): the banner and the name box of 00, the demo participant's plan of 05 and its
exported page and Markdown, and the saving sentences every exercise shares, all speak Spanish."""

from __future__ import annotations

from datetime import date

import pytest

from careerkit.constants import ENV_LANG
from careerkit.content.text import texts
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.export import chart_images, export_plan, render_html, render_markdown
from careerkit.modules.welcome.views import ParticipantPicker, RoomPicker, banner
from careerkit.store import session


@pytest.fixture(autouse=True)
def spanish(monkeypatch):
    monkeypatch.setenv(ENV_LANG, "es")
    session._cache.clear()  # a demo workbook seeded in another language is not reused


def test_the_demo_banner_speaks_spanish(demo_env):
    html = banner("00 Bienvenida").data
    assert "<b>00 Bienvenida</b>" in html
    assert "Ejecución de demostración: estas son las respuestas de un <b>participante de demostración ficticio</b>." in html
    assert "Demo run" not in html


def test_a_learner_s_banner_says_where_answers_are_saved_in_spanish(isolated_home):
    session.set_participant("Ana")
    html = banner("01 Versionado a largo plazo").data
    assert "Las respuestas se guardan mientras escribes, a nombre de <b>Ana</b>" in html
    assert "^ana.json" in html and "Son privadas salvo que marques <i>compartir</i>" in html
    assert "Cambia el nombre en 00_welcome." in html


def test_the_name_box_speaks_spanish(isolated_home):
    picker = ParticipantPicker()
    assert (picker.name.description, picker.button.description) == ("Tu nombre", "Usar este nombre")
    assert picker._repr_mimebundle_()["text/plain"] == "Elige tu nombre de participante"
    picker.name.value = "Ana López"
    picker.button.click()
    assert "&#10003; Guardando a nombre de <b>Ana López</b> (0 respuestas hasta ahora)." in picker.message.value
    room = RoomPicker()
    assert (room.url.description, room.code.description, room.button.description) == (
        "Dirección de la sala", "Código de la sala", "Unirme a la sala")


def test_a_bad_name_points_at_the_spanish_name_box(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / session.CURRENT_FILE).write_bytes(b"\xff\xfe")  # the remembered name is damaged
    assert "en la casilla del nombre de abajo" in banner("00 Bienvenida").data
    assert "en la casilla de arriba" in ParticipantPicker().message.value


def test_the_saving_sentences_every_exercise_shares_are_spanish():
    ui = texts("ui")
    assert ui("saving.saved") == "&#10003; Guardado"
    assert ui("saving.not_saved_yet") == "Aún no guardado: se conserva tu última respuesta guardada."
    assert ui("sharing.quote") == "Se pueden citar mis palabras"
    assert ui("errors.sentence", place="Versión 2", problem=ui("errors.too_long", limit=80)) == (
        "Versión 2: es demasiado largo: no pases de 80 caracteres.")


def _demo_plan() -> pl.CareerPlan:
    book = session.workbook()
    return pl.assemble_plan(book.values(), book.participant)


def test_the_demo_plan_has_spanish_headings_and_the_spanish_demo_answers(demo_env):
    plan = _demo_plan()
    assert [s.title for s in plan.sections] == [
        "Estado final y hoja de ruta", "Tu carril", "Tu historia y tu nota de prensa", "Compromisos de feedback",
        "Acto 3: tu segunda Estrella Polar"]
    assert [pl.status_word(s.status) for s in plan.sections] == ["completa"] * 5
    end_state = plan.sections[0].items[0]
    assert end_state.label == "Tu estado final"
    assert end_state.lines[0] == "Dentro de 15 años: Chief Product Officer de una empresa de tecnología climática en fase intermedia"
    assert end_state.lines[1] == ("El tipo de constructor: Alguien que lleva productos del humo al fuego y hace crecer a "
                                  "las personas que los construyen.")
    roadmap = plan.sections[0].items[1]
    assert roadmap.lines[0] == ("v1 2022-2025: Product Manager, pagos en Fictional Fintech Ltd. "
                                "Aprendizaje: Oficio: lanzar a gran escala con datos")
    north_star = plan.sections[4].items[0]
    assert north_star.label == "Una segunda Estrella Polar"
    assert north_star.lines[0].startswith("Estrella Polar: Ayudar a mil personas de producto")


def test_the_demo_s_earlier_versions_are_spanish_and_compare_in_spanish(demo_env):
    versions = session.workbook().versions()
    assert [v.note for v in versions] == [
        "Primer plan, después del primer día del taller: estado final, hoja de ruta y un carril.",
        "Después del taller: un paso B2B y otro antes del encaje producto-mercado, el carril de crecimiento y una "
        "segunda Estrella Polar."]
    assert versions[0].answers["versioning.end_state"]["role"] == "VP de Producto en una gran fintech"
    comparison = pl.compare_versions(*versions)
    # the steps v1 shares with today's Spanish roadmap are recognised as the same steps: only one was dropped
    assert comparison.steps_dropped == ["Directora de Producto, pagos en Fictional Fintech Ltd (2027-2031)"]
    rows = comparison.rows()
    assert rows[0].kind == "Paso añadido a la hoja de ruta"
    assert ("Respondido", "Una segunda Estrella Polar") in [(r.kind, r.what) for r in rows]
    assert ("Editado", "Tu estado final") in [(r.kind, r.what) for r in rows]


def test_the_exported_page_is_spanish_with_lang_es(demo_env):
    book = session.workbook()
    answers = book.values()
    plan = pl.assemble_plan(answers, book.participant, book.version("v1"))
    page = render_html(plan, chart_images(answers), exported=date(2026, 1, 15))
    assert '<html lang="es">' in page
    assert "<title>Plan de carrera de demo</title>" in page
    assert "Versión v1, lanzada el 2025-06-02: Primer plan, después del primer día del taller" in page
    assert "· exportado el 2026-01-15" in page
    assert "<h2>Estado final y hoja de ruta <span class=\"ck-plan-status\">(completa)</span></h2>" in page
    assert 'alt="Tus versiones de carrera a lo largo del tiempo"' in page
    assert "Hecho con careerkit. Planifica a largo plazo [00:08:11]" in page
    assert "Career plan" not in page and 'lang="en"' not in page


def test_the_exported_markdown_is_spanish_and_names_its_gaps_in_spanish(demo_env):
    plan = pl.assemble_plan({"versioning.end_state": session.workbook().values()["versioning.end_state"]}, "demo")
    markdown = render_markdown(plan, exported=date(2026, 1, 15))
    assert markdown.startswith("# Plan de carrera de demo\n\n*Borrador de trabajo · exportado el 2026-01-15*")
    assert "## Estado final y hoja de ruta (rellena en parte)" in markdown
    assert "- Dentro de 15 años: Chief Product Officer de una empresa de tecnología climática" in markdown
    assert "> Aún no está en tu plan: Tu hoja de ruta de versiones. Complétalo en `01_versioning.ipynb`." in markdown
    assert "## Tu carril (sin empezar)" in markdown


def test_export_writes_spanish_files(demo_env):
    result = export_plan(session.workbook(), ("html", "md"), exported=date(2026, 1, 15))
    html = next(p for p in result.files if p.suffix == ".html").read_text(encoding="utf-8")
    markdown = next(p for p in result.files if p.suffix == ".md").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "Tu plan de carrera" not in html
    assert "# Plan de carrera de demo" in markdown and "![Tus carriles, por orden](" in markdown


def test_a_moved_rating_is_named_in_spanish_as_the_learner_saw_it(demo_env):
    """The comparison names a lane and a rated field by their Spanish labels, never by the kit's ids."""
    book = session.workbook()
    older = book.versions()[0]
    book.ship_version(note="ahora")
    comparison = pl.compare_versions(older, book.versions()[-1])
    labels = [m.label for m in comparison.ratings]
    assert "Valora los carriles › Ambigüedad de mercado › Energía" in labels
    assert "¿Aguantar o pasar página? › Lo que te cuesta quedarte" in labels
    assert not [label for label in labels if "_" in label or "Cost" in label or "Learning" in label]


def test_a_bad_name_is_refused_in_spanish(isolated_home):
    from careerkit.errors import ParticipantIdError
    from careerkit.store.files import validate_participant

    with pytest.raises(ParticipantIdError) as err:
        validate_participant("a/b", source="la casilla")
    assert str(err.value) == ("«a/b» (fijado en la casilla) no sirve como nombre de participante: contiene «/». "
                              "Vuelve a escribir tu nombre en 00_welcome.")


def test_the_plan_names_who_gives_feedback_by_their_spanish_relation(demo_env):
    """A relation is saved by id ("Peer") and shown by its label in the learner's language."""
    feedback = _demo_plan().sections[3]
    lines = " ".join(line for item in feedback.items for line in item.lines)
    assert "Colega de tu nivel" in lines
    assert "(Peer)" not in lines and "Partner team" not in lines
