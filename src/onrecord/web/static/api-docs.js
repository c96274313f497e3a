// Starts Swagger UI (served from the fastapi-offline package) on this server's own schema.
// validatorUrl null: Swagger UI would otherwise ask validator.swagger.io about the schema (and show
// its badge) whenever the page is not on localhost; nothing here may leave the server.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
