<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Columns</name>
    <message>
        <source>To do</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The change feed is not connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file is not being watched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new order must name every column exactly once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose another column to move the tasks to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The JSON file holds no list of tasks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>it is not a task record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The SQLite URL names no file: use sqlite:////path/to/file.db</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date must be a real date and time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due date must be given in UTC without a time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finished must be yes or no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WIP limit must be a whole number (0 for none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verification stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back up at least every hour and keep at least one backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>keep must be at least 1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore stopped before anything was changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PhotoFlow's tables are still in the web app's schema: run `photoflow db migrate` first (it moves them, after a backup), then `photoflow db detach`</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no applied migration to roll back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rolling back the initial migration would delete every order; use 'photoflow db reset --yes' if that is really what you want</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refusing to put a password in a command line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup stopped; nothing was kept</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>RAW</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Developed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retouched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NichtBearbeitet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Entwickelt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retuschiert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Gedruckt</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>