"""Names shared by notebooks, build and tests: one place for every tag and metadata key."""

META_KEY = "careerkit"  # notebook metadata holding the module's title, minutes, objectives, keypoints
HIDE_INPUT = "hide-input"  # code cells: their Python never shows on a slide or handout
FACILITATOR = "facilitator"  # cells that participants' handouts must not contain
EXERCISE = "exercise"  # the code cell that shows one exercise widget
NOTE_MARK_CLASS = "ck-facilitator-note"  # an empty span ending each notes cell: JupyterLab hides those cells from learners

ENV_HOME = "CAREERKIT_HOME"  # folder holding participants' workbooks
ENV_PARTICIPANT = "CAREERKIT_PARTICIPANT"  # participant name for this kernel
ENV_DEMO = "CAREERKIT_DEMO"  # "1": use the fictional demo participant (tests, build)
ENV_CONTENT = "CAREERKIT_CONTENT"  # folder of content files overriding the shipped ones
ENV_LANG = "CAREERKIT_LANG"  # the language learners see ("en", "es"); English where a sentence is not translated
ENV_ROOM_URL = "CAREERKIT_ROOM_URL"  # the room service (set by the hub's configuration for every kernel)
ENV_ROOM_TOKEN = "CAREERKIT_ROOM_TOKEN"  # a token for the room; on a hub, JUPYTERHUB_API_TOKEN is used
ENV_APP = "CAREERKIT_APP"  # "1": the kernel serves careerkit app (Voilà), where there is no name box
ENV_FACILITATOR = "CAREERKIT_FACILITATOR"  # "1": careerkit lab --facilitator, the notes stay in view
ENV_ASSETS = "CAREERKIT_ASSETS"  # folder holding node_modules with the offline slide assets
ENV_CHARTS = "CAREERKIT_CHARTS"  # "slides": charts drawn for a deck's slide (careerkit build's kernels)
CHARTS_FOR_SLIDES = "slides"

DEMO_PARTICIPANT = "demo"
DEFAULT_PARTICIPANT = "learner"
