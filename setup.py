"""Packaging for ospa.social."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


HERE = Path(__file__).parent
# The version lives in one place: src/ospa/social/version.txt.
VERSION = (HERE / "src" / "ospa" / "social" / "version.txt").read_text().strip()

setup(
    name="ospa.social",
    version=VERSION,
    description="Social intranet for Plone: communities, posts, ideas, likes, following.",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Plone social intranet communities activity-stream",
    license="GPL-2.0-only",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone",
        "plone.classicui",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "plone.memoize",
        "zope.interface",
        "setuptools",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.app.contenttypes",
            "pytest",
            "pytest-plone",
            # make test runs the suite on every core (pytest -n, one file a worker).
            "pytest-xdist",
            "playwright",
            "requests",
            "openapi-spec-validator",
            "PyYAML",
            "i18ndude",
            "ruff",
            # Several instances on one database (tests/hardening/scaleout) and fuzzing.
            "RelStorage",
            "psycopg2-binary",
            "ZEO",
            "schemathesis",
            "hypothesis",
        ],
        # Production storages: pip install 'ospa.social[relstorage]' or [zeo].
        "relstorage": ["RelStorage", "psycopg2-binary"],
        "zeo": ["ZEO"],
        # benchmarks/chart.py draws its PNG with matplotlib.
        "bench": ["matplotlib"],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
    },
)
