"""Module 2 in Spanish: with CAREERKIT_LANG=es the demo participant sees every exercise in Spanish.

The saved Spanish demo answers (modules/lanes/demo.es.json) are shown in the controls, the feedback and the charts
speak Spanish, and the story checker reads a Spanish story with the Spanish lexicon of content.es.toml: yo against
nosotros, "creo que" as an opinion, vague phrases, numbers and years.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.content import demo_answers
from careerkit.modules.lanes import charts
from careerkit.modules.lanes import domain as ln
from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st
from careerkit.modules.lanes.views import EXERCISES
from careerkit.ui.exercise import plain_text
from shown import assert_filled_in_spanish, chart_words, english_sentences, shown_text

MODULE = Path(ln.__file__).parent


def view_of(name: str, book):
    return EXERCISES[name](book)


def said(view) -> str:
    return plain_text(view.message.value)


# the demo participant, every exercise


def test_the_spanish_demo_answers_are_the_ones_loaded(es):
    answers = demo_answers()
    assert answers["lanes.story"]["roles"][1]["role"] == "Product Manager, pagos"
    assert answers["lanes.press_release"]["headline"] == (
        "PM de pagos apuesta a fondo por el crecimiento en tecnología climática")
    assert answers["lanes.ratings"]["chosen"] == ["growth"]  # an id, shown as its Spanish label


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_demo_participant_sees_every_exercise_filled_and_in_spanish(es_demo, name):
    view = view_of(name, es_demo)
    assert_filled_in_spanish(view, demo_answers()[view.key], english_sentences(MODULE))


def test_energy_log_in_spanish_with_its_chart(es_demo):
    view = view_of("energy_log", es_demo)
    assert view.title == "Tu registro de energía"
    first = view.rows.rows[0]
    assert first["activity"].value == "Dirigí el test A/B del onboarding y leí los resultados con la analista"
    assert first["lane"].label == "Crecimiento" and first["engagement"].description == "Implicación"
    assert view.rows.rows[2]["lane"].label == "Ambigüedad organizativa"
    assert "Fuente externa: el Good Time Journal de Burnett y Evans, Designing Your Life (2016)." in shown_text(view)
    words = said(view)
    assert "Lo que más energía te da hasta ahora: Crecimiento (implicación 8.5, energía 8.5, 2 entradas)." in words
    assert "Lo que más energía te quita: Ambigüedad organizativa (implicación 4, energía 2)." in words
    assert "Aún no hay entradas de: Pericia en un dominio, Pericia en equipos." in words
    assert "Tu registro alimenta la clasificación de carriles del siguiente ejercicio" in words
    summary = ln.summarise_log(ln.EnergyLog.model_validate(demo_answers()["lanes.energy_log"]))
    chart = chart_words(charts.energy_log_bars(summary))
    assert chart[:3] == ["Tu registro de energía por carril", "Carril", "Media (1-10)"]
    assert {"Oficio", "Mercado", "Organización", "Crecimiento", "sin entradas", "Implicación", "Energía"} <= set(chart)


def test_an_out_of_range_entry_is_explained_in_spanish(es_demo):
    view = view_of("energy_log", es_demo)
    view.rows.rows[0]["energy"].value = 14
    assert "Entrada 1, energía vale 14: puntúa de 1 a 10" in said(view)


def test_ratings_in_spanish_with_its_chart(es_demo):
    view = view_of("ratings", es_demo)
    assert view.title == "Valora los seis carriles y elige uno"
    assert view.pick._boxes["growth"].value and view.pick._boxes["growth"].description == "Crecimiento"
    assert view.why.value.startswith("El trabajo de crecimiento me da energía cada semana")
    screen = shown_text(view)
    assert "Elige un carril [00:24:21]" in screen
    assert "Las tres preguntas son un marco (propio del kit)." in screen
    words = said(view)
    assert "Has elegido Crecimiento, y tus valoraciones lo ponen primero: ahora construye evidencia en ese carril." in words
    assert "Evidencia 6, energía 8.2, oportunidad 8: 22.2 de 30." in words
    assert "Tu registro de energía tiene 2 entradas aquí (implicación 8.5, energía 8.5)" in words
    assert "Hay energía, pero aún no evidencia: un carril por construir" in words
    assert "<th>Carril</th><th>Puntuación</th><th>Por qué</th>" in view.message.value
    answer = ln.LaneRatings.model_validate(demo_answers()["lanes.ratings"])
    chart = chart_words(view.chart(answer))
    assert chart[:3] == ["Tus carriles, por orden", "Puntuación (evidencia + energía + oportunidad, sobre 30)", "Carril"]
    assert {"Crecimiento ← tu elección", "Evidencia", "Energía", "Oportunidad", "Oficio de producto"} <= set(chart)


def test_no_lane_picked_is_named_in_spanish(es_demo):
    view = view_of("ratings", es_demo)
    view.pick._boxes["growth"].value = False
    assert ("No has elegido ningún carril. Tus valoraciones ponen primero Crecimiento. Elegir un carril concreto es "
            "crucial [00:24:21]") in said(view)


def test_radar_in_spanish_with_its_picture(es_demo):
    view = view_of("radar", es_demo)
    assert view.title == "Tu radar de carriles: nivel actual y objetivo"
    assert view.target["growth"].value == 9 and view.target["growth"].description == "Objetivo"
    assert view.from_ratings.description == "Tomar «Ahora» de mis valoraciones"
    words = said(view)
    assert "Las mayores distancias: Crecimiento 6 → 9; Ambigüedad de mercado 3 → 5; Pericia en equipos 2 → 4." in words
    assert "Quieres hacer crecer 4 carriles a la vez. La pericia de talla mundial viene de uno [00:24:04]." in words
    assert "Tu elección, Crecimiento, tiene tu objetivo más alto: el radar y la elección coinciden." in words
    assert "La imagen de tu radar está guardada como demo-radar.png en la carpeta de tu cuaderno de respuestas." in words
    chart = chart_words(charts.radar_chart(ln.Radar.model_validate(demo_answers()["lanes.radar"]), ["growth"]))
    assert chart[:3] == ["Tus carriles: nivel actual y objetivo", "Carril (★ tu elección)", "Nivel (0-10)"]
    assert {"Crecimiento ★", "Actual", "Objetivo", "Ambigüedad de mercado"} <= set(chart)


def test_story_in_spanish_with_its_chart(es_demo):
    view = view_of("story", es_demo)
    assert view.title == "Tu historia profesional, en primera persona"
    assert view.rows.rows[1]["company"].value == "Fictional Fintech Ltd"
    assert view.rows.rows[0]["role"].placeholder == "Puesto, p. ej., PM sénior, pagos"
    words = said(view)
    assert ("Primera persona del singular («yo», «me», «mi»): 4; del plural («nosotros», «nos», «nuestro»): 2. "
            "Cuentas tu propia parte [00:24:30].") in words
    assert "1 «creo que» o «me parece que»: una opinión, no algo que hiciste." in words
    assert "2 frases podrían ser más sólidas: mira las sugerencias. El kit nunca cambia tus palabras." in words
    assert "Cambia «ayudé con» por algo concreto: la acción que hiciste (escribí, decidí, lideré)" in words
    assert "<th>Puesto</th><th>Parte</th><th>Escribiste</th><th>Una sugerencia</th>" in view.message.value
    assert "<td>logré</td>" in view.message.value
    chart = chart_words(view.chart(st.CareerStory.model_validate(demo_answers()["lanes.story"])))
    assert chart[:3] == ["«Yo» frente a «nosotros» en tu historia", "Puesto", "Veces escrito"]
    assert {"yo, me, mi", "creo que / me parece que", "nosotros, nos, nuestro", "Associate PM"} <= set(chart)


def test_a_story_in_the_plural_is_named_in_spanish(es_demo):
    view = view_of("story", es_demo)
    row = view.rows.rows[1]
    row["learned"].value = "Nosotros aprendimos a priorizar."
    row["achieved"].value = "Nuestro equipo trabajó en varias cosas."
    words = said(view)
    assert words.startswith("Hablaste en plural («nosotros», «nos», «nuestro») 4 veces y en singular («yo», «me», "
                            "«mi») 2 veces. Tu próximo empleador te contrata a ti, no a tu equipo")
    assert "Di lo que hiciste tú: «yo decidí», no «nosotros decidimos»." in words
    row["role"].value = ""
    assert "El puesto 2 no tiene nombre: ponle uno, p. ej., «PM sénior, pagos»." in said(view)


def test_press_release_in_spanish(es_demo):
    view = view_of("press_release", es_demo)
    assert view.title == "La nota de prensa de tu carrera"
    assert view.draft.description == "Empezar desde mi historia"
    screen = shown_text(view)
    assert "Titular (propio del kit, según el método working backwards, a partir de [00:25:01])" in screen
    assert "La historia hasta ahora (propio del kit, según el método working backwards, a partir de [00:24:30])" in screen
    assert "Una o dos frases" not in screen and "Quién lo dijo (nombre y cargo, o «un cliente»)" in screen
    assert view.markdown.value.startswith("# PM de pagos apuesta a fondo por el crecimiento en tecnología climática\n")
    assert "## La historia hasta ahora\n\nEmpecé como Associate PM" in view.markdown.value
    assert "## Lo que viene\n\n" in view.markdown.value
    assert "> — Su jefa en Fictional Fintech (cita ficticia)" in view.markdown.value
    assert "<h2>La historia hasta ahora</h2>" in view.html.value
    assert "ck-warning" not in view.message.value  # the demo's release passes every check
    view.fields["subheadline"].value = "Ayudé con varias cosas."
    words = said(view)
    assert "«Ayudé con varias cosas.»: Cambia «ayudé con» por algo concreto" in words
    assert "El subtítulo no tiene cifra, entregable ni efecto: conviértelo en la prueba." in words


def test_start_from_my_story_names_the_boxes_it_filled_in_spanish(es, make_workbook):
    book = make_workbook("Ana")
    book.save_answer("lanes.story", {"roles": [
        {"role": "PM, pagos", "company": "Fintech", "learned": "Aprendí a leer embudos.",
         "achieved": "Reduje un 18 % los pagos fallidos. Lo celebramos."},
    ]})
    book.save_answer("lanes.ratings", {"chosen": ["growth"]})
    view = view_of("press_release", book)
    view.draft.click()
    assert view.fields["headline"].value == "PM, pagos, hacia una pericia de talla mundial en crecimiento"
    assert view.fields["subheadline"].value == "Reduje un 18 % los pagos fallidos."
    assert view.fields["story_so_far"].value == (
        "Como PM, pagos en Fintech: Reduje un 18 % los pagos fallidos. Lo celebramos.")
    assert view.fields["whats_next"].value == "Ahora voy a profundizar en un carril: crecimiento [00:24:21]."
    assert ("Rellenado a partir de tu historia: el titular, el subtítulo, la historia hasta ahora, lo que viene. "
            "Cambia lo que quieras: ahora son tus palabras.") in plain_text(view.status.value)
    view.draft.click()
    assert "Nada que rellenar: solo se rellenan las casillas vacías" in plain_text(view.status.value)


def test_path_in_spanish_with_its_chart(es_demo):
    view = view_of("path", es_demo)
    assert view.title == "El camino de IC o el de manager"
    assert view.style.value == "bike"
    assert view.style.label == "Enseño cómo se hace y luego suelto, como quien enseña a alguien a montar en bici"
    assert view.leaning.label == "No lo sé"
    words = said(view)
    assert "Por ahora, tus respuestas se inclinan hacia el camino de IC (8.5 frente a 3.6)." in words
    assert "Lo que apunta al camino de IC:" in words and "Lo que apunta al camino de manager:" in words
    assert ("Te gusta construir cosas: dar forma al producto y lanzarlo con tus propias manos (9/10) [00:43:00]."
            in words)
    assert "No te gusta justificar recursos y presupuestos (2/10) [00:44:00]." in words
    assert "Ojo:" in words and "Dirigir no es repartir tareas ni enseñar y soltar: es el sidecar" in words
    assert ("Prueba de IC: Toma el problema abierto más difícil de tu carril durante un trimestre y escribe lo que "
            "aprendiste. (propio del kit, a partir de [00:41:51])") in words
    answer = view.Model.model_validate(demo_answers()["lanes.path"])
    chart = chart_words(view.chart(answer))
    assert chart[:3] == ["Lo que disfrutas, y hacia qué camino se inclina", "Disfrute (0-10)", "Actividad"]
    assert {"Se inclina a IC", "Se inclina a manager", "Justificar recursos y presupuestos"} <= set(chart)


# the story checker, in Spanish


@pytest.mark.parametrize(("text", "i", "we"), [
    ("Yo lancé el checkout y nosotros lo celebramos.", 1, 1),
    ("Me encargué de la migración con mis dos analistas.", 2, 0),  # me, mis
    ("A MÍ me ascendieron; Mi equipo creció conmigo.", 4, 0),  # any case, accents kept: mí, me, mi, conmigo
    ("Nosotras lanzamos; nuestra jefa nos felicitó por nuestros resultados.", 0, 4),
    ("Lancé el checkout. Lanzamos la app.", 0, 0),  # the verb alone, without its pronoun, is not counted
    ("Minerva y Yolanda miraron la nostalgia de los nosotros-no.", 0, 1),  # whole words only
    ("Querían contratarme y dejarnos fuera.", 0, 0),  # a pronoun joined to a verb is not counted
])
def test_a_spanish_story_counts_yo_against_nosotros(es, text, i, we):
    count = st.count_pronouns(text)
    assert (count.i, count.we) == (i, we)


@pytest.mark.parametrize("text", [
    "Creo que el lanzamiento salió bien.", "Yo creo que salió bien.", "A mí me parece que funcionó.",
    "Pienso que acerté.", "ME PARECE QUE sí.",
])
def test_creo_que_is_an_opinion_not_an_i_statement(es, text):
    count = st.count_pronouns(text)
    assert (count.i, count.hedged) == (0, 1)


def test_a_hedge_phrase_is_blanked_where_it_stands_so_the_words_around_it_read_as_typed(es):
    # "creo que" is blanked, not cut out: cut out, "yo." would run into "e." and read as the "i.e." no pronoun is
    assert st.count_pronouns("Lo decidí yo.creo que e. Nada más.") == st.PronounCount(i=1, hedged=1)


def test_a_nosotros_inside_guillemets_is_someone_elses(es):
    count = st.count_pronouns("Mi jefa dijo: «sin ella, nosotros no habríamos lanzado». Yo lo celebré.")
    assert (count.i, count.we, count.quoted_we) == (2, 0, 1)


def test_the_demo_story_is_read_with_the_spanish_lexicon(es):
    report = st.check_story(st.CareerStory.model_validate(demo_answers()["lanes.story"]))
    assert (report.counts.i, report.counts.we, report.counts.hedged, report.counts.quoted_we) == (4, 2, 1, 1)
    assert [(c.i, c.we, c.hedged, c.quoted_we) for c in report.role_counts] == [(2, 2, 0, 0), (2, 0, 1, 1)]
    assert [(c.role_number, c.field, c.claim.kind, c.claim.sentence, c.claim.vague_words) for c in report.claims] == [
        (1, "achieved", "weak_wording", "Yo ayudé con varias cosas del lanzamiento.", ["ayudé con", "varias cosas"]),
        (2, "achieved", "no_evidence", "Mi jefa dijo: «sin ella, nuestro equipo no habría lanzado».", []),
    ]


def test_a_vague_spanish_claim_is_found_and_a_checkable_one_is_not(es):
    [claim] = st.find_vague_claims("Ayudé con varias cosas del proyecto.")
    assert (claim.kind, claim.vague_words) == ("no_evidence", ["ayudé con", "varias cosas"])
    assert claim.suggestion == (
        "Cambia «ayudé con» por algo concreto: la acción que hiciste (escribí, decidí, lideré) o la lección exacta. "
        "Añade algo que alguien pueda comprobar: una cifra (cuántos, cuánto, para cuándo), el entregable (la "
        "especificación, el lanzamiento) o el efecto (qué cambió para los usuarios o para el negocio).")
    assert st.find_vague_claims("Fui responsable de la hoja de ruta.")[0].vague_words == ["fui responsable de"]
    assert st.find_vague_claims("Redujimos el abandono un 12 % y lancé la especificación.") == []
    evidence = st.find_evidence("Tripliqué la conversión con tres experimentos y el doble de ventas.")
    assert evidence.numbers == ["tres", "doble"]
    assert evidence.artefacts == ["experimentos"] and evidence.outcomes == ["Tripliqué", "conversión", "ventas"]


@pytest.mark.parametrize(("sentence", "numbers"), [
    ("Reduje un 18 % los pagos fallidos en 2024.", ["18%"]),
    ("Desde 2019 dirigí a 12 personas.", ["12"]),
    ("A principios de 2023 ahorré 500 € al mes.", ["500€"]),
    ("Pasé de un 3,5 a un 7 por ciento.", ["3,5", "7por ciento"]),  # kept as found, unit joined (as "7percent")
])
def test_a_spanish_year_dates_a_claim_and_a_count_backs_it(es, sentence, numbers):
    assert st.find_numbers(sentence) == numbers


def test_a_spanish_abbreviation_does_not_end_a_sentence(es):
    text = "Lancé en tres mercados, p. ej. en México. Luego crecimos un 20 %. ¿Funcionó?"
    assert st.split_sentences(text) == ["Lancé en tres mercados, p. ej. en México.", "Luego crecimos un 20 %.",
                                        "¿Funcionó?"]


def test_english_is_read_with_the_english_lexicon_again(monkeypatch):
    monkeypatch.setenv("CAREERKIT_LANG", "en")
    assert (st.count_pronouns("Yo creo que we shipped it. I think so.").model_dump()
            == {"i": 0, "we": 1, "hedged": 1, "quoted_we": 0})
    assert pr.check_press_release(pr.PressRelease(headline="H"))[0] == "Sub-headline is empty."
