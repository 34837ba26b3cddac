"""Templates import macros the way Jinja does, only cheaper."""

from __future__ import annotations

import jinja2
import pytest

from shared.web import templating

SOURCES = {
    "macros.html": "{% macro greet() %}{{ greeting }}, {{ name|default('nobody') }}{% endmacro %}",
    "page.html": '{% from "macros.html" import greet %}{{ greet() }}',
}


def environment(template_class) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(SOURCES))
    env.template_class = template_class
    env.globals["greeting"] = "Hello"
    return env


@pytest.mark.parametrize(
    "own_globals", [None, {"name": "Sam"}], ids=["shared globals", "globals of its own"]
)
def test_imported_macros_see_the_same_globals_as_with_jinjas_own_template(own_globals):
    ours = environment(templating.Template).get_template("page.html", globals=own_globals)
    jinjas = environment(jinja2.Template).get_template("page.html", globals=own_globals)

    assert ours.render() == jinjas.render()
    assert ours.render() == ("Hello, Sam" if own_globals else "Hello, nobody")


def test_the_app_renders_with_it(app):
    assert app.jinja_env.template_class is templating.Template
