// Starts Swagger UI on /openapi.json; a file of its own so the page needs no inline script.
// validatorUrl: null keeps Swagger UI from calling validator.swagger.io: the docs work offline.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
