"""Test helpers: where the test PostgreSQL comes from, fresh databases per test."""
