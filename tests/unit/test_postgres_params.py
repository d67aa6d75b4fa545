"""PostgresParams.connect_kwargs: one place turns a URL into psycopg2.connect() keywords."""

from photoflow_desktop.domain.db import postgres_params


def test_connect_kwargs_drop_prisma_options_and_let_the_url_override_defaults():
    params = postgres_params(
        "postgresql://anna:s%40cret@db.studio:5433/photoflow"
        "?connection_limit=10&schema=public&sslmode=require&connect_timeout=3"
    )
    kwargs = params.connect_kwargs(connect_timeout="10", application_name="PhotoFlow")
    assert kwargs == {
        "connect_timeout": "3",
        "application_name": "PhotoFlow",
        "sslmode": "require",
        "host": "db.studio",
        "port": 5433,
        "user": "anna",
        "password": "s@cret",
        "dbname": "photoflow",
    }


def test_a_query_password_travels_like_one_in_the_user_part():
    params = postgres_params("postgresql://anna@db/photoflow?password=s3c&sslmode=require")
    assert params.password == "s3c" and "password" not in params.options
    assert params.libpq_env()["PGPASSWORD"] == "s3c"
