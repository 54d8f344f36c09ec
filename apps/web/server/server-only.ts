// `server-only` throws when imported outside React's server build; this server is server code
// by definition, so its bundle maps the package to this empty module (scripts/build-server.mjs).
export {};
