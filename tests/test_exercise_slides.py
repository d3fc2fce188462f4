"""Exercise slides a room can read: in the deck, an exercise's prompt keeps its slide and the demo
participant's result (chart, headline feedback, own words) comes on the sub-slide below it."""

from __future__ import annotations

import copy

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from careerkit.build.exercise_slides import PROMPT_TAG, RESULT_TAG, ExerciseSlides, read_result, shorten
from careerkit.build.preprocessors import WIDGET_STATE, WIDGET_VIEW
from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY

PNG = "iVBORw0KGgo="
HOSTILE = "My boss said <script>alert('owned')</script> twice"


def model(name: str, **state) -> dict:
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
            "state": state}


def ref(model_id: str) -> str:
    return f"IPY_MODEL_{model_id}"


def exercise_state(feedback: str = "<ul class='ck-feedback'><li>You picked Growth &amp; it ranks first.</li></ul>",
                   chart: bool = True) -> dict:
    """The saved state of one exercise view, shaped like ui/exercise.py's Exercise.box."""
    ids = {name: f"{index:032x}" for index, name in enumerate(
        ["box", "title", "answer", "share", "tick", "status", "message", "output", "layout"], start=1)}
    outputs = [{"output_type": "display_data", "data": {"image/png": PNG, "text/plain": "Chart: lanes"},
                "metadata": {}}] if chart else []
    return {
        ids["box"]: model("VBoxModel", _dom_classes=["careerkit-exercise", "ck-lanes-ratings"], layout=ref(ids["layout"]),
                          children=[ref(ids[n]) for n in ("title", "answer", "share", "status", "message", "output")]),
        ids["title"]: model("HTMLModel", value="<h4>Rate the six lanes</h4>"),
        ids["answer"]: model("TextareaModel", value=HOSTILE),
        ids["share"]: model("HBoxModel", _dom_classes=["ck-share"], children=[ref(ids["tick"])]),
        ids["tick"]: model("CheckboxModel", value=False, description="Share with the group (anonymous)"),
        ids["status"]: model("HTMLModel", value="<span class='ck-saved'>Saved</span>"),
        ids["message"]: model("HTMLModel", value=feedback, _dom_classes=["ck-message"]),
        ids["output"]: model("OutputModel", outputs=outputs),
        ids["layout"]: model("LayoutModel"),
    }


def deck_notebook(states: dict, *, notes_after: bool = True):
    box = next(iter(states))  # the view's outer box comes first
    prompt = new_markdown_cell("### Exercise 2: rate the lanes\n\n*Time box: 10 min*\n\nRate every lane.")
    prompt.metadata = {"slideshow": {"slide_type": "slide"}, META_KEY: {"exercise": "lanes.ratings", "minutes": 10}}
    widget = new_code_cell('ck.show("lanes.ratings")')
    widget.metadata = {"slideshow": {"slide_type": "-"}, "tags": [HIDE_INPUT, EXERCISE]}
    widget.outputs = [new_output("display_data", data={WIDGET_VIEW: {"model_id": box, "version_major": 2},
                                                       "text/plain": "Rate the six lanes"})]
    notes = new_markdown_cell("Debrief: which lane surprised you?")
    notes.metadata = {"slideshow": {"slide_type": "notes"}, "tags": [FACILITATOR]}
    nb = new_notebook(cells=[prompt, widget] + ([notes] if notes_after else []))
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": copy.deepcopy(states), "version_major": 2, "version_minor": 0}}
    return nb


def result_pages(nb) -> list[str]:
    return [c.outputs[0]["data"]["text/html"] for c in nb.cells if RESULT_TAG in c.metadata.get("tags", [])]


def result_html(nb) -> str:
    return "".join(result_pages(nb))


def test_the_prompt_keeps_its_slide_and_the_chart_then_the_feedback_come_on_sub_slides_below():
    nb, _ = ExerciseSlides().preprocess(deck_notebook(exercise_state()), {})
    kinds = [(c.cell_type, c.metadata["slideshow"]["slide_type"]) for c in nb.cells]
    assert kinds == [("markdown", "slide"), ("markdown", "notes"), ("code", "subslide"), ("code", "subslide")]
    assert PROMPT_TAG in nb.cells[0].metadata["tags"]  # and the notes stay with the prompt
    chart, text = result_pages(nb)
    assert f'src="data:image/png;base64,{PNG}"' in chart and 'alt="Chart: lanes"' in chart
    assert "<figcaption>You picked Growth &amp; it ranks first.</figcaption>" in chart
    assert "Demo result: Rate the six lanes" in text and "You picked Growth &amp; it ranks first." in text
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_without_a_chart_the_result_is_one_sub_slide():
    nb, _ = ExerciseSlides().preprocess(deck_notebook(exercise_state(chart=False)), {})
    assert len(result_pages(nb)) == 1 and "<img" not in result_html(nb)


def test_the_participants_words_reach_the_slide_escaped():
    page = result_html(ExerciseSlides().preprocess(deck_notebook(exercise_state()), {})[0])
    assert "<script>" not in page
    assert "My boss said &lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; twice" in page


def test_the_full_widget_leaves_the_deck_with_its_saved_state():
    nb, _ = ExerciseSlides().preprocess(deck_notebook(exercise_state()), {})
    assert "widgets" not in nb.metadata  # nothing else shows a widget: no renderer needed
    assert all(WIDGET_VIEW not in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def test_the_share_box_and_saved_status_are_not_part_of_the_result():
    states = exercise_state()
    box = next(iter(states))
    result = read_result(states, box)
    assert result.words == [HOSTILE]
    assert result.feedback == ["You picked Growth & it ranks first."]
    assert "Share with the group" not in result_html(ExerciseSlides().preprocess(deck_notebook(states), {})[0])


def test_long_feedback_is_cut_to_what_fits_the_slide_and_says_so():
    long = "<ul>" + "".join(f"<li>{'word ' * 60}number {i}</li>" for i in range(8)) + "</ul>"
    page = result_html(ExerciseSlides().preprocess(deck_notebook(exercise_state(long)), {})[0])
    assert page.count("<li>") <= 5 and "…" in page
    assert "number 7" not in page


def test_tables_read_as_rows_without_their_header_and_labels_are_dropped():
    feedback = ("<p>Why:</p><p>Growth ranks first.</p><table><tr><th>#</th><th>Lane</th></tr>"
                "<tr><td>1</td><td>Growth</td></tr></table>")
    result = read_result(exercise_state(feedback), next(iter(exercise_state(feedback))))
    assert result.feedback == ["Growth ranks first.", "1 · Growth"]


def test_a_view_that_is_not_an_exercise_keeps_its_widget():
    states = exercise_state()
    box = next(iter(states))
    states[box]["state"]["_dom_classes"] = ["ck-participant-picker"]
    nb, _ = ExerciseSlides().preprocess(deck_notebook(states), {})
    assert WIDGET_VIEW in nb.cells[1].outputs[0]["data"]
    assert nb.metadata["widgets"][WIDGET_STATE]["state"]


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 12) == "one two…"
