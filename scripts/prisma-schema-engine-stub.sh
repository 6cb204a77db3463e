#!/bin/sh
# Stands in for Prisma's native schema engine, which this project does not use:
# migrations are applied with the engine's WebAssembly build (scripts/db-migrate.ts).
echo "RehearsalHub does not use Prisma's native schema engine. Use npm run db:migrate or npm run db:migration:new." >&2
exit 1
