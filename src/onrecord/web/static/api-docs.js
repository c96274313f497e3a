// Starts Swagger UI (served from the swagger-ui-bundle package) on this server's own schema.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
