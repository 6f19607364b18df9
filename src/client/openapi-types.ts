// Generated from openapi/openapi.json by scripts/generate-client.ts (npm run openapi). Do not edit:
// change the routes' schemas, then regenerate.
export interface paths {
    "/v1/estimates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Estimate the cost of a course from query parameters
         * @description The same estimate as POST /v1/estimates, from query parameters (areas comma-separated), so that it can be cached by URL. Answers carry an ETag (data version, clinic sheet version when a clinic is named, and the request as priced) and Cache-Control; If-None-Match with a current ETag answers 304.
         */
        get: operations["getEstimate"];
        put?: never;
        /**
         * Estimate the cost of a course
         * @description Prices one course at low, typical and high levels; `view: "summary"` answers only the figures a comparison needs (EstimateSummary). Unknown fields are rejected; unknown ids answer 422 with the ids that exist. With `clinic`, the clinic's sheet supplies the figures it has (503 storage-unavailable when storage is down; market estimates never need storage).
         */
        post: operations["estimate"];
        delete?: never;
        options?: never;
        /**
         * Estimate the cost of a course from query parameters
         * @description The same estimate as POST /v1/estimates, from query parameters (areas comma-separated), so that it can be cached by URL. Answers carry an ETag (data version, clinic sheet version when a clinic is named, and the request as priced) and Cache-Control; If-None-Match with a current ETag answers 304.
         */
        head: operations["headEstimate"];
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Many estimates in one call
         * @description Up to 1000 estimate requests. Each result is the estimate or a problem for that item alone; the call succeeds when the envelope is valid.
         */
        post: operations["estimateBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compare estimates across countries, tiers, areas or treatments
         * @description One cell per combination of the varied values (at most 1000), all in one currency, ranked by typical course total. A cell that cannot be priced carries a problem and no rank; when every cell fails with the same problem (the base request itself is wrong, e.g. an unknown treatment), the answer is that problem (422).
         */
        post: operations["compareEstimates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compare ways of paying for a course: packages, financing and maintenance over time
         * @description Prices the base course once, then each option at low, typical and high: the course with its package, maintenance sessions over the horizon (paid per session), financing, total cost of ownership and the savings against paying per session. JSON by default; with Accept: text/csv, one CSV row per option and level, or with ?part=schedule the typical level's payment schedule of each financed option (RFC 4180, CRLF; option names starting with = + - @ get a leading apostrophe so spreadsheets show them as text).
         */
        post: operations["compareScenarios"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything an estimate is computed from, with sources and the data version
         * @description Carries an ETag (the data version) and Cache-Control; If-None-Match with the current ETag answers 304.
         */
        get: operations["getCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Everything an estimate is computed from, with sources and the data version
         * @description Carries an ETag (the data version) and Cache-Control; If-None-Match with the current ETag answers 304.
         */
        head: operations["headCatalog"];
        patch?: never;
        trace?: never;
    };
    "/v1/treatments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Treatments with their price bands, session ranges and areas
         * @description The `treatments` and `areas` of GET /v1/catalog alone: the ids an estimate request may name, with their figures and sources.
         */
        get: operations["listTreatments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Treatments with their price bands, session ranges and areas
         * @description The `treatments` and `areas` of GET /v1/catalog alone: the ids an estimate request may name, with their figures and sources.
         */
        head: operations["headTreatments"];
        patch?: never;
        trace?: never;
    };
    "/v1/countries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Countries with their price levels, and currencies with their exchange rates
         * @description The `countries` and `currencies` of GET /v1/catalog alone: every country with price data (ISO 3166-1 alpha-2), its price level and currency, and every currency with its minor units and US dollar rate.
         */
        get: operations["listCountries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Countries with their price levels, and currencies with their exchange rates
         * @description The `countries` and `currencies` of GET /v1/catalog alone: every country with price data (ISO 3166-1 alpha-2), its price level and currency, and every currency with its minor units and US dollar rate.
         */
        head: operations["headCountries"];
        patch?: never;
        trace?: never;
    };
    "/v1/clinics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a clinic (admin key)
         * @description Needs the admin key (ADMIN_API_KEY). Answers the clinic and its first API key; the key is shown this once and only its hash is kept.
         */
        post: operations["createClinic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clinics/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a clinic and its keys (without secrets)
         * @description The clinic's name and its API keys by id, with when each was created and revoked. Needs the clinic's own key or the admin key; secrets are never shown again.
         */
        get: operations["getClinic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Read a clinic and its keys (without secrets)
         * @description The clinic's name and its API keys by id, with when each was created and revoked. Needs the clinic's own key or the admin key; secrets are never shown again.
         */
        head: operations["headClinic"];
        patch?: never;
        trace?: never;
    };
    "/v1/clinics/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue another API key (rotation, step 1)
         * @description The new key is shown this once. Deploy it, then revoke the old key with DELETE /v1/clinics/{id}/keys/{keyId}: both work in between, so rotation needs no downtime.
         */
        post: operations["createClinicKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clinics/{id}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key (rotation, step 2)
         * @description The key stops working at once, on every instance. Revoking a revoked key answers it again, unchanged. A clinic key may not revoke the clinic's last active key (409 last-key: issue another first); the admin key may.
         */
        delete: operations["revokeClinicKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clinics/{id}/origins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the web origins of the clinic's own pages
         * @description The origins whose pages may call the API for this clinic from a browser (CORS), such as the page embedding <mesoquote-calculator clinic="…">. Needs the clinic's key or the admin key.
         */
        get: operations["listClinicOrigins"];
        put?: never;
        /**
         * Register a web origin of the clinic's own pages
         * @description Lets pages of this origin call the API for this clinic from a browser (CORS): estimates with ?clinic=, the catalog, quotes. Idempotent: 201 when new, 200 when it was already registered. Other instances see it within 30 seconds.
         */
        post: operations["addClinicOrigin"];
        /**
         * Remove a web origin of the clinic's own pages
         * @description Pages of that origin can no longer call the API for this clinic from a browser (at once on this instance, within 30 seconds on the others). 404 when it was not registered.
         */
        delete: operations["removeClinicOrigin"];
        options?: never;
        /**
         * List the web origins of the clinic's own pages
         * @description The origins whose pages may call the API for this clinic from a browser (CORS), such as the page embedding <mesoquote-calculator clinic="…">. Needs the clinic's key or the admin key.
         */
        head: operations["headClinicOrigins"];
        patch?: never;
        trace?: never;
    };
    "/v1/clinics/{id}/price-sheet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the clinic's price sheet (latest, or ?version=n)
         * @description Answers the version with its ETag; If-None-Match with a current ETag answers 304.
         */
        get: operations["getPriceSheet"];
        /**
         * Set the clinic's price sheet (a new version)
         * @description The first sheet is created without If-Match (201). Replacing it needs If-Match with the current ETag ("v<version>", or *): 428 without it, 412 when another change came first. Validated against the catalog: unknown treatments, areas, countries and currencies are 422 with the ids that exist.
         */
        put: operations["putPriceSheet"];
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Read the clinic's price sheet (latest, or ?version=n)
         * @description Answers the version with its ETag; If-None-Match with a current ETag answers 304.
         */
        head: operations["headPriceSheet"];
        patch?: never;
        trace?: never;
    };
    "/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save an estimate as a quote
         * @description Prices the request (with a clinic's sheet when it names one) and stores the whole answer with the data version, the sheet version, createdAt and validUntil (30 days, QUOTE_VALID_DAYS). Answers 201 with Location: /v1/quotes/{id}. Quotas per client address and per clinic (429 past either); expired quotes are deleted on a schedule.
         */
        post: operations["createQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a saved quote, byte for byte as saved
         * @description The same bytes every time until validUntil; after it, 410 quote-expired. Unknown ids are 404.
         */
        get: operations["getQuote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Read a saved quote, byte for byte as saved
         * @description The same bytes every time until validUntil; after it, 410 quote-expired. Unknown ids are 404.
         */
        head: operations["headQuote"];
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process is up
         * @description Answers 200 while the process can answer at all, whatever the state of storage or a shutdown. Never rate-limited nor shed under load, so probes see the real state.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Liveness: the process is up
         * @description Answers 200 while the process can answer at all, whatever the state of storage or a shutdown. Never rate-limited nor shed under load, so probes see the real state.
         */
        head: operations["headHealth"];
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: whether this instance should get traffic
         * @description ready (200); degraded (200: estimates work, configured storage does not, so clinic, sheet and quote routes answer 503); 503 service-unavailable while the instance drains after SIGTERM (take it out of the load balancer). Says nothing more without the admin key; with it (Authorization: Bearer ADMIN_API_KEY), also the data version, the state of storage and why, and the estimate cache. Reads remembered state: never queries the database per call. Never rate-limited nor shed.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Readiness: whether this instance should get traffic
         * @description ready (200); degraded (200: estimates work, configured storage does not, so clinic, sheet and quote routes answer 503); 503 service-unavailable while the instance drains after SIGTERM (take it out of the load balancer). Says nothing more without the admin key; with it (Authorization: Bearer ADMIN_API_KEY), also the data version, the state of storage and why, and the estimate cache. Reads remembered state: never queries the database per call. Never rate-limited nor shed.
         */
        head: operations["headReadiness"];
        patch?: never;
        trace?: never;
    };
    "/v1/sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One source: the seed passage, reference dataset or assumption behind a figure
         * @description Estimates, batch results, comparisons and scenarios list their sources by id, kind and title; this is the whole record. Carries the same ETag and Cache-Control as GET /v1/catalog.
         */
        get: operations["getSource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * One source: the seed passage, reference dataset or assumption behind a figure
         * @description Estimates, batch results, comparisons and scenarios list their sources by id, kind and title; this is the whole record. Carries the same ETag and Cache-Control as GET /v1/catalog.
         */
        head: operations["headSource"];
        patch?: never;
        trace?: never;
    };
    "/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every problem type the API can answer
         * @description Each problem code with its status, title, meaning, an example and how to fix it. JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link).
         */
        get: operations["listProblemTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Every problem type the API can answer
         * @description Each problem code with its status, title, meaning, an example and how to fix it. JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link).
         */
        head: operations["headProblemTypes"];
        patch?: never;
        trace?: never;
    };
    "/problems/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One problem type: what it means, an example and how to fix it
         * @description The page a problem's `type` URI (/problems/{code}) resolves to. JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link).
         */
        get: operations["getProblemType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * One problem type: what it means, an example and how to fix it
         * @description The page a problem's `type` URI (/problems/{code}) resolves to. JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link).
         */
        head: operations["headProblemType"];
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Adjustment: {
            /** @enum {string} */
            kind: "base-price" | "area" | "practitioner" | "city-tier" | "price-level" | "currency" | "sessions" | "package" | "clinic-price";
            id?: string;
            description: string;
            /** @description Exact factor multiplying the per-session price */
            factor?: string;
            /** @description Amounts this step sets or takes off per level: the base price (USD), a package discount */
            amounts?: components["schemas"]["AmountLevels"];
            /** @description Session counts this step sets */
            counts?: components["schemas"]["CountLevels"];
            /** @description Source ids; see `sources` */
            sources: string[];
        };
        AmountLevels: {
            /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
            low: string;
            /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
            typical: string;
            /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
            high: string;
        };
        /** @description An API key without its secret */
        ApiKeyInfo: {
            id: string;
            createdAt: string;
            revokedAt: string | null;
        };
        BatchRequest: {
            /** @description Estimate requests, 1 to 1000. Each is validated on its own: a bad item gets its problem in its place of the results */
            items: components["schemas"]["EstimateRequest"][];
            /**
             * @description full (default): each result is an Estimate; summary: each is an EstimateSummary, as GET /v1/estimates?view=summary answers
             * @enum {string}
             */
            view?: "full" | "summary";
        };
        BatchResponse: {
            /** @description One result per item, in order: the Estimate, or a Problem (it has `type` and `status`) whose pointers are absolute in the request body, e.g. /items/3/treatment */
            results: (components["schemas"]["Estimate"] | components["schemas"]["EstimateSummary"] | components["schemas"]["Problem"])[];
        };
        Catalog: {
            /** @description Content hash of the data files */
            dataVersion: string;
            treatments: components["schemas"]["Treatment"][];
            areas: {
                additionalAreaShare: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                areas: {
                    id: string;
                    name: string;
                    factor: {
                        value: string;
                        source: string;
                        year?: number;
                        note?: string;
                    };
                    description: string;
                }[];
            };
            cityTiers: components["schemas"]["Tier"][];
            practitioners: components["schemas"]["Tier"][];
            /** @description How prices move away from the seed articles' US prices: the figures fitted to published prices, every country's factor, and the fit's validation (npm run calibration) */
            marketModel: components["schemas"]["MarketModel"];
            /** @description Package kinds an estimate can apply, with their default figures and sources */
            packageKinds: ({
                /** @constant */
                id: "none";
                name: string;
                description: string;
                sources: string[];
            } | {
                /** @constant */
                id: "prepaid-course";
                name: string;
                description: string;
                sources: string[];
                defaults: {
                    discountPercent: {
                        value: string;
                        source: string;
                        year?: number;
                        note?: string;
                    };
                };
            } | {
                /** @constant */
                id: "buy-n-get-m";
                name: string;
                description: string;
                sources: string[];
                defaults: {
                    buy: {
                        value: number;
                        source: string;
                        note?: string;
                    };
                    free: {
                        value: number;
                        source: string;
                        note?: string;
                    };
                };
            } | {
                /** @constant */
                id: "new-patient";
                name: string;
                description: string;
                sources: string[];
                defaults: {
                    discountPercent: {
                        value: string;
                        source: string;
                        year?: number;
                        note?: string;
                    };
                };
            })[];
            financing: {
                description: string;
                sources: string[];
            };
            countries: components["schemas"]["Country"][];
            currencies: components["schemas"]["Currency"][];
            sources: components["schemas"]["Source"][];
        };
        Clinic: {
            /** @description Clinic id, as returned by POST /v1/clinics */
            id: string;
            name: string;
            createdAt: string;
            keys: components["schemas"]["ApiKeyInfo"][];
        };
        ClinicCreate: {
            /** @description The clinic's name, shown in its estimates */
            name: string;
        };
        ClinicCreated: {
            clinic: components["schemas"]["Clinic"];
            apiKey: components["schemas"]["IssuedApiKey"];
        };
        /** @description An EstimateRequest, optionally for a clinic, and the view to answer in */
        ClinicEstimateRequest: {
            /** @description Treatment id (GET /v1/treatments) */
            treatment: string;
            /** @description Body areas treated in each session. Default: the treatment's reference area. Order does not matter. */
            areas?: string[];
            /** @description ISO 3166-1 alpha-2 country of the clinic. Default: US */
            country?: string;
            /**
             * @description major-metro, city (national average, default) or town
             * @enum {string}
             */
            cityTier?: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician (default) or specialist
             * @enum {string}
             */
            practitioner?: "non-physician" | "physician" | "specialist";
            /** @description A fixed number of sessions for every level, instead of the treatment's usual range */
            sessions?: number;
            /** @description ISO 4217 output currency. Default: the country's own */
            currency?: string;
            package?: components["schemas"]["Package"];
            /** @description Price at this clinic: its sheet's figures where it has them, market data elsewhere. The sheet fixes country, cityTier and practitioner. */
            clinic?: string;
            /**
             * @description full (default): the whole estimate; summary: request, currency, perSession, sessions, total, likely and dataVersion only (about a tenth of the bytes)
             * @enum {string}
             */
            view?: "full" | "summary";
        };
        ClinicPricing: {
            id: string;
            name: string;
            sheetVersion: number;
            /**
             * @description Whether the per-session price is the clinic's own or the market estimate
             * @enum {string}
             */
            priceSource: "clinic" | "market";
            /** @enum {string} */
            sessionsSource: "clinic" | "market" | "request";
            /** @enum {string} */
            packageSource: "clinic" | "market" | "request" | "none";
            /** @description The market's per-session range for the same country, city tier, practitioner, areas and currency */
            marketPerSession: components["schemas"]["AmountLevels"];
            /** @description Where the clinic's per-session price falls in the market range; null when the sheet has no price for the treatment */
            marketPosition: {
                /** @enum {string} */
                position: "below" | "within" | "above";
                /** @description (clinic − market low) / (market high − market low): 0 at low, 1 at high */
                fraction: string;
                /** @description Clinic price as a percentage of the market typical */
                percentOfTypical: string;
            } | null;
        };
        CompareCell: {
            index: number;
            /** @description The values of the varied dimensions for this cell */
            vary: {
                [key: string]: unknown;
            };
            /** @description 1 = cheapest typical course total among the cells that priced */
            rank?: number;
            cheapest?: boolean;
            dearest?: boolean;
            estimate?: components["schemas"]["Estimate"] | components["schemas"]["EstimateSummary"];
            problem?: components["schemas"]["Problem"];
        };
        CompareRequest: {
            /** @description The request every cell starts from */
            base: components["schemas"]["EstimateRequest"];
            vary: {
                treatment?: string[];
                /** @description Each value is a list of areas, e.g. [["face"], ["face", "neck"]] */
                areas?: string[][];
                country?: string[];
                cityTier?: ("major-metro" | "city" | "town")[];
                practitioner?: ("non-physician" | "physician" | "specialist")[];
            };
            /** @description Currency of every cell, so they can be ranked. Default: the base request's currency, else USD */
            currency?: string;
            /**
             * @description summary (default here): each cell's EstimateSummary; full: each cell's whole Estimate
             * @enum {string}
             */
            view?: "full" | "summary";
            /**
             * @description The former name of `view`, still accepted
             * @enum {string}
             */
            detail?: "summary" | "full";
        };
        CompareResponse: {
            currency: string;
            cells: components["schemas"]["CompareCell"][];
            /** @description Index of the cell with the lowest typical total */
            cheapest: number | null;
            /** @description Index of the cell with the highest typical total */
            dearest: number | null;
            dataVersion: string;
        };
        CountLevels: {
            low: number;
            typical: number;
            high: number;
        };
        Countries: {
            /** @description Content hash of the data files */
            dataVersion: string;
            countries: components["schemas"]["Country"][];
            currencies: components["schemas"]["Currency"][];
        };
        Country: {
            code: string;
            alpha3: string;
            name: string;
            currency: string;
            namedInSeeds: boolean;
            priceLevel: {
                value: string;
                source: string;
                year: number;
                note?: string;
            };
        };
        Currency: {
            code: string;
            name: string;
            minorUnits: {
                value: number;
                source: string;
                note?: string;
            };
            usdRate: {
                value: string;
                source: string;
                year: number;
                note?: string;
            };
        };
        Estimate: {
            treatment: string;
            /** @description The request as priced, with every default filled in and areas in canonical order */
            request: {
                treatment: string;
                areas: string[];
                country: string;
                /** @enum {string} */
                cityTier: "major-metro" | "city" | "town";
                /** @enum {string} */
                practitioner: "non-physician" | "physician" | "specialist";
                sessions: number | null;
                currency: string;
                package: {
                    /** @enum {string} */
                    kind: "none" | "prepaid-course" | "buy-n-get-m" | "new-patient";
                    discountPercent?: string;
                    buy?: number;
                    free?: number;
                };
            };
            currency: {
                code: string;
                name: string;
                minorUnits: number;
                /** @description Units of this currency per US dollar */
                usdRate: string;
                rateYear: number;
            };
            /** @description List price of one session */
            perSession: components["schemas"]["AmountLevels"];
            sessions: components["schemas"]["CountLevels"];
            /** @description perSession × sessions: the course before any package */
            listTotal: components["schemas"]["AmountLevels"];
            /** @description What the package takes off listTotal */
            discount: components["schemas"]["AmountLevels"];
            /** @description listTotal − discount: what the course costs */
            total: components["schemas"]["AmountLevels"];
            /** @description total / sessions */
            effectivePerSession: components["schemas"]["AmountLevels"];
            /** @description 10th, 50th and 90th percentiles of the course total: half the prices spread evenly from low to typical and half from typical to high, sessions triangular on the course range */
            likely: {
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p10: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p50: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p90: string;
            };
            /** @description 10th, 50th and 90th percentiles of one session: about 8 in 10 published prices fall between p10 and p90 (docs/accuracy.md) */
            likelyPerSession: {
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p10: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p50: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p90: string;
            };
            /** @description Published prices on file for this country and treatment; null when there are none (a note says the figures are modelled) */
            evidence: components["schemas"]["Evidence"] | null;
            /** @description Every step of the calculation, in the order applied */
            adjustments: components["schemas"]["Adjustment"][];
            /** @description Every source the adjustments and notes cite */
            sources: components["schemas"]["SourceRef"][];
            /** @description Content hash of the data the estimate was computed from */
            dataVersion: string;
            notes: components["schemas"]["Note"][];
            /** @description Present when the request named a clinic: where the figures came from and how its price compares with the market */
            clinic?: components["schemas"]["ClinicPricing"];
        };
        EstimateRequest: {
            /** @description Treatment id (GET /v1/treatments) */
            treatment: string;
            /** @description Body areas treated in each session. Default: the treatment's reference area. Order does not matter. */
            areas?: string[];
            /** @description ISO 3166-1 alpha-2 country of the clinic. Default: US */
            country?: string;
            /**
             * @description major-metro, city (national average, default) or town
             * @enum {string}
             */
            cityTier?: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician (default) or specialist
             * @enum {string}
             */
            practitioner?: "non-physician" | "physician" | "specialist";
            /** @description A fixed number of sessions for every level, instead of the treatment's usual range */
            sessions?: number;
            /** @description ISO 4217 output currency. Default: the country's own */
            currency?: string;
            package?: components["schemas"]["Package"];
        };
        /** @description An estimate in the summary view (view=summary): the request as priced, the currency, the per-session band, sessions, course totals, the likely range and the data version; the same figures as the full view */
        EstimateSummary: {
            /** @description The request as priced, with every default filled in and areas in canonical order */
            request: {
                treatment: string;
                areas: string[];
                country: string;
                /** @enum {string} */
                cityTier: "major-metro" | "city" | "town";
                /** @enum {string} */
                practitioner: "non-physician" | "physician" | "specialist";
                sessions: number | null;
                currency: string;
                package: {
                    /** @enum {string} */
                    kind: "none" | "prepaid-course" | "buy-n-get-m" | "new-patient";
                    discountPercent?: string;
                    buy?: number;
                    free?: number;
                };
            };
            currency: {
                code: string;
                name: string;
                minorUnits: number;
                /** @description Units of this currency per US dollar */
                usdRate: string;
                rateYear: number;
            };
            /** @description List price of one session */
            perSession: components["schemas"]["AmountLevels"];
            sessions: components["schemas"]["CountLevels"];
            /** @description listTotal − discount: what the course costs */
            total: components["schemas"]["AmountLevels"];
            /** @description 10th, 50th and 90th percentiles of the course total: half the prices spread evenly from low to typical and half from typical to high, sessions triangular on the course range */
            likely: {
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p10: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p50: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                p90: string;
            };
            /** @description Content hash of the data the estimate was computed from */
            dataVersion: string;
        };
        Evidence: {
            /** @description How many published prices */
            count: number;
            /** @description Their per-session prices converted into the answer's currency at the engine's rates */
            perSession: {
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                min: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                median: string;
                /** @description Decimal string in the currency's minor units, e.g. "1800.00" (or "272459" for JPY) */
                max: string;
            };
            /** @description Their source ids, cheapest first: GET /v1/sources/{id} has the address, date and venue */
            sources: string[];
        };
        /** @description A payment plan for the course: fixed-payment amortisation at the APR */
        Financing: {
            /** @description Annual percentage rate, 0 to 99.99, as a decimal string; "0" is interest-free */
            aprPercent: string;
            /** @description Number of monthly payments, 1 to 120 */
            months: number;
            /** @description Paid up front, in the output currency, with at most its minor units. Default "0" */
            downPayment?: string;
            /** @description A deferred-interest promotion: adds a warning of what happens if it is not paid off in time */
            deferredInterest?: boolean;
            /**
             * @description How the monthly payment is rounded to the currency's minor units. "up" (default, the lenders' convention): rounded up, so the last payment is never larger than the others. "half-up": to the nearest unit; a payment rounded down leaves a shortfall that the last payment makes up, with interest
             * @enum {string}
             */
            paymentRounding?: "up" | "half-up";
        };
        FinancingSummary: {
            /** @description courseTotal − down payment (0 when the down payment covers it) */
            financed: string;
            /** @description The regular payment; the last one absorbs the rounding (never larger with paymentRounding "up") */
            monthlyPayment: string;
            /** @description Decimal string in the currency's minor units */
            totalInterest: string;
            /** @description Down payment + every monthly payment */
            totalPaid: string;
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        IssuedApiKey: {
            id: string;
            /** @description The key, shown this once: send it as "Authorization: Bearer <key>". Only its hash is stored. */
            key: string;
            createdAt: string;
        };
        MarketModel: {
            generatedBy: string;
            method: string;
            inputs: {
                file: string;
                sha256: string;
            }[];
            baselineCountry: string;
            data: {
                observations: number;
                countries: number;
                excluded: number;
                firstYear: number;
                lastYear: number;
            };
            priceLevelExponent: {
                value: string;
                source: string;
                year?: number;
                note?: string;
            };
            treatmentLevels: {
                face: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                body: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                hair: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                therapeutic: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
            };
            treatmentGroups: {
                [key: string]: "face" | "body" | "hair" | "therapeutic";
            };
            band: {
                low: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                high: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
            };
            countryFactors: {
                source: string;
                note: string;
                values: {
                    [key: string]: string;
                };
            };
            areaRatios: {
                source: string;
                note: string;
                digits: number;
                values: {
                    [key: string]: {
                        [key: string]: string;
                    };
                };
            };
            coefficients: {
                name: string;
                estimate: string;
                standardError: string;
                observations: number;
                sources: number;
            }[];
            residualStandardError: string;
            validation: {
                inSample: {
                    observations: number;
                    inside: number;
                    insideAnyTier: number;
                    insideLikely: number;
                    below: number;
                    above: number;
                    coverage: string;
                    coverageAnyTier: string;
                    likelyCoverage: string;
                    medianWidth: string;
                    curve: {
                        width: number;
                        coverage: string;
                        coverageAnyTier: string;
                    }[];
                };
                crossValidated: {
                    observations: number;
                    inside: number;
                    insideAnyTier: number;
                    insideLikely: number;
                    below: number;
                    above: number;
                    coverage: string;
                    coverageAnyTier: string;
                    likelyCoverage: string;
                    medianWidth: string;
                    curve: {
                        width: number;
                        coverage: string;
                        coverageAnyTier: string;
                    }[];
                };
            };
        };
        Note: {
            code: string;
            text: string;
            sources: string[];
        };
        /** @description A package deal or offer applied to the course. Figures left out take the defaults in GET /v1/catalog (packageKinds). */
        Package: {
            /** @constant */
            kind: "none";
        } | {
            /** @constant */
            kind: "prepaid-course";
            /** @description Percent off the whole course. Default from data/packages.json */
            discountPercent?: string;
        } | {
            /** @constant */
            kind: "buy-n-get-m";
            /** @description Sessions paid in each group. Default from data/packages.json */
            buy?: number;
            /** @description Sessions free in each group; fewer than buy. Default from data/packages.json */
            free?: number;
        } | {
            /** @constant */
            kind: "new-patient";
            /** @description Percent off the first session. Default from data/packages.json */
            discountPercent?: string;
        };
        PriceSheet: {
            /** @description ISO 3166-1 alpha-2 country of the clinic */
            country: unknown;
            /**
             * @description major-metro, city or town
             * @enum {string}
             */
            cityTier: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician or specialist
             * @enum {string}
             */
            practitioner: "non-physician" | "physician" | "specialist";
            /** @description ISO 4217 currency of the prices on the sheet */
            currency: unknown;
            /** @description Treatment id → the clinic's figures; treatments left out are priced from market data */
            treatments: {
                [key: string]: {
                    /** @description One session on the treatment's reference area */
                    perSession?: string;
                    /** @description One session on an area, where the clinic prices it apart; other areas scale perSession by the market area factors */
                    areas?: {
                        [key: string]: string;
                    };
                    /** @description The clinic's usual course */
                    sessions?: {
                        min: number;
                        typical: number;
                        max: number;
                    };
                };
            };
            /** @description The clinic's terms for the package kinds it offers; a request for another kind uses the market defaults */
            packages?: {
                "prepaid-course"?: {
                    discountPercent: string;
                };
                "buy-n-get-m"?: {
                    buy: number;
                    free: number;
                };
                "new-patient"?: {
                    discountPercent: string;
                };
            };
        };
        PriceSheetInput: {
            /** @description ISO 3166-1 alpha-2 country of the clinic */
            country: string;
            /**
             * @description major-metro, city or town
             * @enum {string}
             */
            cityTier: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician or specialist
             * @enum {string}
             */
            practitioner: "non-physician" | "physician" | "specialist";
            /** @description ISO 4217 currency of the prices on the sheet */
            currency: string;
            /** @description Treatment id → the clinic's figures; treatments left out are priced from market data */
            treatments: {
                [key: string]: {
                    /** @description One session on the treatment's reference area */
                    perSession?: string;
                    /** @description One session on an area, where the clinic prices it apart; other areas scale perSession by the market area factors */
                    areas?: {
                        [key: string]: string;
                    };
                    /** @description The clinic's usual course */
                    sessions?: {
                        min: number;
                        typical: number;
                        max: number;
                    };
                };
            };
            /** @description The clinic's terms for the package kinds it offers; a request for another kind uses the market defaults */
            packages?: {
                "prepaid-course"?: {
                    discountPercent: string;
                };
                "buy-n-get-m"?: {
                    buy: number;
                    free: number;
                };
                "new-patient"?: {
                    discountPercent: string;
                };
            };
        };
        PriceSheetVersion: {
            /** @description Clinic id, as returned by POST /v1/clinics */
            clinicId: string;
            /** @description Starts at 1; every PUT adds one. The ETag is "v<version>". */
            version: number;
            createdAt: string;
            sheet: components["schemas"]["PriceSheet"];
        };
        /** @description RFC 9457 problem details (application/problem+json) */
        Problem: {
            /** @description URI reference identifying the problem type: /problems/{code} */
            type: string;
            title: string;
            status: number;
            detail: string;
            /**
             * @description Stable machine-readable code
             * @enum {string}
             */
            code: "validation-failed" | "invalid-json" | "bad-request" | "unauthorized" | "forbidden" | "clinic-creation-disabled" | "not-found" | "not-acceptable" | "method-not-allowed" | "request-timeout" | "last-key" | "quote-expired" | "precondition-failed" | "payload-too-large" | "uri-too-long" | "unsupported-media-type" | "unknown-treatment" | "unknown-area" | "area-not-allowed" | "duplicate-area" | "unknown-country" | "unknown-currency" | "invalid-package" | "invalid-price-sheet" | "unknown-clinic" | "clinic-has-no-price-sheet" | "clinic-mismatch" | "precondition-required" | "rate-limited" | "request-header-too-large" | "internal-error" | "service-unavailable" | "storage-unavailable";
            /** @description The request path */
            instance?: string;
            requestId?: string;
            errors?: components["schemas"]["ProblemErrorItem"][];
        };
        ProblemErrorItem: {
            /** @description JSON pointer to the offending field, e.g. "/areas/1" */
            pointer: string;
            /**
             * @description Which part of the request the pointer is in
             * @enum {string}
             */
            in?: "body" | "query" | "params" | "headers";
            message: string;
            /** @description The values that would be accepted here */
            allowed?: string[];
        };
        ProblemType: {
            code: string;
            /** @description The `type` URI of problems with this code */
            type: string;
            title: string;
            status: number;
            /** @description What happened */
            meaning: string;
            /** @description What the client should do about it */
            fix: string;
            /** @description A request that gets this problem, and what the answer says */
            example?: {
                method: string;
                path: string;
                headers?: {
                    [key: string]: string;
                };
                /** @description The body as sent */
                body?: string;
                /** @description The `detail` of the answer */
                detail: string;
            };
        };
        Quote: {
            /** @description Unguessable id: whoever has it can read the quote */
            id: string;
            createdAt: string;
            /** @description After this instant GET answers 410 quote-expired */
            validUntil: string;
            dataVersion: string;
            clinic: {
                id: string;
                sheetVersion: number;
            } | null;
            estimate: components["schemas"]["Estimate"];
        };
        /** @description An EstimateRequest, optionally for a clinic: the estimate the quote keeps */
        QuoteRequest: {
            /** @description Treatment id (GET /v1/treatments) */
            treatment: string;
            /** @description Body areas treated in each session. Default: the treatment's reference area. Order does not matter. */
            areas?: string[];
            /** @description ISO 3166-1 alpha-2 country of the clinic. Default: US */
            country?: string;
            /**
             * @description major-metro, city (national average, default) or town
             * @enum {string}
             */
            cityTier?: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician (default) or specialist
             * @enum {string}
             */
            practitioner?: "non-physician" | "physician" | "specialist";
            /** @description A fixed number of sessions for every level, instead of the treatment's usual range */
            sessions?: number;
            /** @description ISO 4217 output currency. Default: the country's own */
            currency?: string;
            package?: components["schemas"]["Package"];
            /** @description Price at this clinic: its sheet's figures where it has them, market data elsewhere. The sheet fixes country, cityTier and practitioner. */
            clinic?: string;
        };
        Ready: {
            /**
             * @description ready; degraded: estimates work, configured storage does not (yet)
             * @enum {string}
             */
            status: "ready" | "degraded";
            /** @description Admin key only */
            dataVersion?: string;
            /** @description Admin key only */
            checks?: {
                /** @constant */
                data: "loaded";
                /**
                 * @description Clinics, price sheets and quotes
                 * @enum {string}
                 */
                storage: "ready" | "opening" | "unavailable" | "disabled";
            };
            /** @description Admin key only */
            storage?: {
                /** @enum {string} */
                kind: "pglite" | "postgres" | "none";
                /** @description Why storage is not ready */
                reason?: string;
                /**
                 * @description The kind of the fault that made storage unavailable
                 * @enum {string}
                 */
                fault?: "connection" | "permission" | "missing-schema" | "query";
                /** @description When the database last answered */
                checkedAt?: string;
            };
            /** @description The in-process cache of serialised estimates (admin key only) */
            estimateCache?: {
                entries: number;
                bytes: number;
                hits: number;
                misses: number;
                maxEntries: number;
                maxBytes: number;
            };
        };
        /** @description The course to price: an estimate request without a package (each option brings its own) */
        ScenarioBase: {
            /** @description Treatment id (GET /v1/treatments) */
            treatment: string;
            /** @description Body areas treated in each session. Default: the treatment's reference area. Order does not matter. */
            areas?: string[];
            /** @description ISO 3166-1 alpha-2 country of the clinic. Default: US */
            country?: string;
            /**
             * @description major-metro, city (national average, default) or town
             * @enum {string}
             */
            cityTier?: "major-metro" | "city" | "town";
            /**
             * @description non-physician, physician (default) or specialist
             * @enum {string}
             */
            practitioner?: "non-physician" | "physician" | "specialist";
            /** @description A fixed number of sessions for every level, instead of the treatment's usual range */
            sessions?: number;
            /** @description ISO 4217 output currency. Default: the country's own */
            currency?: string;
        };
        ScenarioComparison: {
            treatment: string;
            /** @description The base request as priced, with every default filled in */
            base: {
                treatment: string;
                areas: string[];
                country: string;
                /** @enum {string} */
                cityTier: "major-metro" | "city" | "town";
                /** @enum {string} */
                practitioner: "non-physician" | "physician" | "specialist";
                sessions: number | null;
                currency: string;
            };
            currency: {
                code: string;
                name: string;
                minorUnits: number;
                /** @description Units of this currency per US dollar */
                usdRate: string;
                rateYear: number;
            };
            horizonMonths: number;
            maintenanceSessionsPerYear: number;
            /** @description Where maintenanceSessionsPerYear comes from */
            maintenanceSessionsPerYearSource: {
                /** @description true when the request left it out and the treatment's figure was used */
                default: boolean;
                /** @description Source id of the default (see `sources`); null when the request set it */
                source: string | null;
                /** @description true when the figure is an assumption rather than a seed or reference figure */
                assumption: boolean;
            };
            /** @description floor(horizonMonths × maintenanceSessionsPerYear / 12), the same at every level */
            maintenanceSessions: number;
            options: components["schemas"]["ScenarioResult"][];
            /** @description Every source the answer cites */
            sources: components["schemas"]["SourceRef"][];
            dataVersion: string;
            notes: components["schemas"]["Note"][];
        };
        ScenarioLevel: {
            sessions: number;
            /** @description List price of one session, as in the estimate */
            perSession: string;
            /** @description perSession × sessions */
            listTotal: string;
            /** @description Decimal string in the currency's minor units */
            discount: string;
            /** @description listTotal − discount */
            courseTotal: string;
            /** @description courseTotal / sessions */
            effectivePerSession: string;
            freeSessions: number;
            maintenanceSessions: number;
            /** @description maintenanceSessions × perSession: packages and financing cover the course only */
            maintenanceCost: string;
            /** @description The plan for this level's course total; null when the option is not financed */
            financing: components["schemas"]["FinancingSummary"] | null;
            /** @description courseTotal + maintenanceCost + total interest */
            totalCostOfOwnership: string;
            /** @description Pay-per-session total cost of ownership − this one */
            savings: string;
        };
        /** @description One way of paying for the course: a package, financing, both or neither (pay per session) */
        ScenarioOption: {
            /** @description A label for the option, unique in the request */
            name: string;
            package?: components["schemas"]["Package"];
            financing?: components["schemas"]["Financing"];
        };
        ScenarioRequest: {
            base: components["schemas"]["ScenarioBase"];
            options: components["schemas"]["ScenarioOption"][];
            /** @description Months after the course during which maintenance sessions are counted (0: none) */
            horizonMonths: number;
            /** @description Maintenance sessions a year after the course. Default: the treatment's figure in data (GET /v1/treatments, maintenance.sessionsPerYear) */
            maintenanceSessionsPerYear?: number;
        };
        ScenarioResult: {
            name: string;
            /** @description The package as priced, every default filled in */
            package: {
                /** @enum {string} */
                kind: "none" | "prepaid-course" | "buy-n-get-m" | "new-patient";
                discountPercent?: string;
                buy?: number;
                free?: number;
            };
            /** @description The financing terms as priced; null when the option is not financed */
            financing: {
                aprPercent: string;
                months: number;
                /** @description Decimal string in the currency's minor units */
                downPayment: string;
                deferredInterest: boolean;
                /** @enum {string} */
                paymentRounding: "up" | "half-up";
            } | null;
            description: string;
            levels: {
                low: components["schemas"]["ScenarioLevel"];
                typical: components["schemas"]["ScenarioLevel"];
                high: components["schemas"]["ScenarioLevel"];
            };
            /** @description Prepaid courses, typical level: the fewest sessions whose pay-per-session cost reaches the course total (plus its interest when financed); with fewer used, paying per session would have been cheaper. Null for other kinds */
            breakEvenSessions: number | null;
            /** @description Financed options, typical level: the first month of the schedule at whose end the interest paid so far exceeds the package's discount (0 without a package). Paying the balance off before that month's payment keeps the option no dearer than paying per session. Null when the whole plan's interest stays within the discount, or the option is not financed */
            breakEvenMonth: number | null;
            /** @description The typical level's payment schedule; null when the option is not financed */
            schedule: components["schemas"]["ScheduleRow"][] | null;
            /** @description Plain-language warnings: financing (a payment that rounds to nothing or only pays interest, a last payment far above the others, an early end, deferred interest) for every level it concerns, prefixed with those levels unless it concerns all three; courses a longer one would beat on price */
            warnings: string[];
        };
        ScheduleRow: {
            month: number;
            /** @description Decimal string in the currency's minor units */
            payment: string;
            /** @description Decimal string in the currency's minor units */
            interest: string;
            /** @description Decimal string in the currency's minor units */
            principal: string;
            /** @description Owed after this payment */
            balance: string;
        };
        /** @description Where a figure comes from: a seed article section, a reference dataset, an assumption with its reason, the market model fit, or one published price */
        Source: {
            id: string;
            /**
             * @description fit: the market model's fit; observation: one published price; clinic: a clinic's price sheet (in clinic estimates; see their `clinic` member)
             * @enum {string}
             */
            kind: "seed" | "reference" | "assumption" | "fit" | "observation" | "clinic";
            title: string;
            /** @description Seed article file or reference dataset file */
            file?: string;
            /** @description Seed article section */
            section?: string;
            /** @description The seed passage relied on */
            quote?: string;
            dataset?: string;
            edition?: string;
            licence?: string;
            /** @description Why an assumption was made */
            reason?: string;
            /** @description How a fit estimated its figures */
            method?: string;
            /** @description The command that reproduces a fit */
            script?: string;
            /** @description The files a fit reads */
            inputs?: string[];
            /** @description Lines of the calibration file an observation reads */
            lines?: number[];
            country?: string;
            city?: string;
            /** @enum {string} */
            cityTier?: "major-metro" | "city" | "town";
            treatment?: string;
            /** @description An observation's areas; empty: the treatment's reference area */
            areas?: string[];
            /** @enum {string} */
            practitioner?: "non-physician" | "physician" | "specialist";
            /** @enum {string} */
            venue?: "clinic" | "salon";
            /** @enum {string} */
            unit?: "per_session" | "package" | "course";
            sessionsInPackage?: number;
            currency?: string;
            /** @description The lowest figure as published */
            priceLow?: string;
            /** @description The highest figure as published (equal to priceLow for a single price) */
            priceHigh?: string;
            /** @description One session: the midpoint of the published figures over the package sessions */
            perSession?: string;
            /** @description "from" price, sale price, a per-session price inside a package */
            kinds?: ("from" | "sale" | "package")[];
            year?: number;
            /** @description The page or repository file the price was read from */
            address?: string;
            /** @description A public page to read the source: a reference dataset's page, or the page a published price was read from */
            url?: string;
            /** @description The calibration file's caveats for this price */
            caveat?: string;
        };
        /** @description A source the answer used; its full record (quote, dataset and edition, or reason) is at GET /v1/sources/{id} */
        SourceRef: {
            id: string;
            /**
             * @description fit: the market model's fit; observation: one published price; clinic: a clinic's price sheet (in clinic estimates; see their `clinic` member)
             * @enum {string}
             */
            kind: "seed" | "reference" | "assumption" | "fit" | "observation" | "clinic";
            title: string;
        };
        Tier: {
            id: string;
            name: string;
            description: string;
            factor: {
                value: string;
                source: string;
                year?: number;
                note?: string;
            };
        };
        Treatment: {
            id: string;
            name: string;
            /** @enum {string} */
            category: "aesthetic" | "hair" | "therapeutic";
            description: string;
            pricePerSessionUsd: {
                low: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                typical: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
                high: {
                    value: string;
                    source: string;
                    year?: number;
                    note?: string;
                };
            };
            sessions: {
                min: {
                    value: number;
                    source: string;
                    note?: string;
                };
                typical: {
                    value: number;
                    source: string;
                    note?: string;
                };
                max: {
                    value: number;
                    source: string;
                    note?: string;
                };
            };
            referenceArea: string;
            allowedAreas: string[];
            spacingWeeks: {
                min: {
                    value: number;
                    source: string;
                    note?: string;
                };
                max: {
                    value: number;
                    source: string;
                    note?: string;
                };
            };
            maintenance: {
                resultsLastMonths: {
                    min: {
                        value: number;
                        source: string;
                        note?: string;
                    };
                    max: {
                        value: number;
                        source: string;
                        note?: string;
                    };
                };
                sessionsPerYear: {
                    value: number;
                    source: string;
                    note?: string;
                };
            };
            articleCourseTotalUsd?: {
                value: string;
                source: string;
                year?: number;
                note?: string;
            };
        };
        Treatments: {
            /** @description Content hash of the data files */
            dataVersion: string;
            treatments: components["schemas"]["Treatment"][];
        };
    };
    responses: {
        /** @description Problem: validation-failed (The request is not valid); invalid-json (The request body is not valid JSON); bad-request (Bad request) */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: last-key (A clinic's last active key cannot be revoked with itself) */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: forbidden (This key may not do that); clinic-creation-disabled (Clinic creation is disabled on this server) */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: quote-expired (The quote has expired) */
        Gone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: internal-error (Internal server error) */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: not-acceptable (None of the accepted media types can be produced) */
        NotAcceptable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: not-found (No such resource) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: payload-too-large (The request body is too large) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: precondition-failed (The resource has changed since the version named in If-Match) */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: precondition-required (If-Match is required to change an existing price sheet) */
        PreconditionRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: service-unavailable (Service unavailable); storage-unavailable (Storage is unavailable; estimates still work) */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before trying again */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: rate-limited (Too many requests) */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before trying again */
                "Retry-After"?: number;
                /** @description Requests allowed in the window */
                "RateLimit-Limit"?: number;
                /** @description Requests left in the window */
                "RateLimit-Remaining"?: number;
                /** @description Seconds until the window resets */
                "RateLimit-Reset"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: uri-too-long (A path segment is too long) */
        URITooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: unauthorized (A valid API key is required) */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: unknown-treatment (Unknown treatment); unknown-area (Unknown area); area-not-allowed (Area not treated for this treatment); duplicate-area (Area listed twice); unknown-country (Unknown country); unknown-currency (Unknown currency); invalid-package (The package does not fit its defaults); invalid-price-sheet (The price sheet does not fit the catalog); unknown-clinic (Unknown clinic); clinic-has-no-price-sheet (The clinic has no price sheet yet); clinic-mismatch (The request contradicts the clinic's price sheet) */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Problem: unsupported-media-type (Unsupported content type) */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getEstimate: {
        parameters: {
            query: {
                /** @description Treatment id (GET /v1/treatments) */
                treatment: string;
                /** @description Comma-separated area ids, e.g. face,neck */
                areas?: string;
                country?: string;
                cityTier?: "major-metro" | "city" | "town";
                practitioner?: "non-physician" | "physician" | "specialist";
                /** @description A fixed number of sessions for every level (1-30), instead of the treatment's usual range */
                sessions?: string;
                currency?: string;
                /** @description Package kind, with its default figures (use POST to set them) */
                package?: "none" | "prepaid-course" | "buy-n-get-m" | "new-patient";
                /** @description Price at this clinic: its sheet's figures where it has them, market data elsewhere. The sheet fixes country, cityTier and practitioner. */
                clinic?: string;
                /** @description full (default): the whole estimate; summary: request, currency, perSession, sessions, total, likely and dataVersion only (about a tenth of the bytes) */
                view?: "full" | "summary";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Estimate (view=full, the default) or the EstimateSummary (view=summary) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estimate"] | components["schemas"]["EstimateSummary"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    estimate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClinicEstimateRequest"];
            };
        };
        responses: {
            /** @description The Estimate (view=full, the default) or the EstimateSummary (view=summary) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estimate"] | components["schemas"]["EstimateSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headEstimate: {
        parameters: {
            query: {
                /** @description Treatment id (GET /v1/treatments) */
                treatment: string;
                /** @description Comma-separated area ids, e.g. face,neck */
                areas?: string;
                country?: string;
                cityTier?: "major-metro" | "city" | "town";
                practitioner?: "non-physician" | "physician" | "specialist";
                /** @description A fixed number of sessions for every level (1-30), instead of the treatment's usual range */
                sessions?: string;
                currency?: string;
                /** @description Package kind, with its default figures (use POST to set them) */
                package?: "none" | "prepaid-course" | "buy-n-get-m" | "new-patient";
                /** @description Price at this clinic: its sheet's figures where it has them, market data elsewhere. The sheet fixes country, cityTier and practitioner. */
                clinic?: string;
                /** @description full (default): the whole estimate; summary: request, currency, perSession, sessions, total, likely and dataVersion only (about a tenth of the bytes) */
                view?: "full" | "summary";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Estimate (view=full, the default) or the EstimateSummary (view=summary) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estimate"] | components["schemas"]["EstimateSummary"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    estimateBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    compareEstimates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompareRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompareResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    compareScenarios: {
        parameters: {
            query?: {
                /** @description With Accept: text/csv, which table: options (default; one row per option and level) or schedule (the typical level's payment schedule of every financed option). JSON always has both. */
                part?: "options" | "schedule";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioRequest"];
            };
        };
        responses: {
            /** @description The comparison (application/json), or one of its tables (text/csv) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScenarioComparison"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Catalog"];
                };
            };
            /** @description Not modified: the data has not changed */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Catalog"];
                };
            };
            /** @description Not modified: the data has not changed */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTreatments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Treatments"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headTreatments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Treatments"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCountries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Countries"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headCountries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Countries"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createClinic: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClinicCreate"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClinicCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getClinic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Clinic"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headClinic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Clinic"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createClinicKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["URITooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeClinicKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyInfo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["URITooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listClinicOrigins: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clinicId: string;
                        origins: {
                            /** @description A web origin, e.g. https://www.example-clinic.fr */
                            origin: string;
                            /** @description When the origin was registered, ISO 8601 */
                            createdAt: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    addClinicOrigin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A web origin, e.g. https://www.example-clinic.fr */
                    origin: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A web origin, e.g. https://www.example-clinic.fr */
                        origin: string;
                        /** @description When the origin was registered, ISO 8601 */
                        createdAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A web origin, e.g. https://www.example-clinic.fr */
                        origin: string;
                        /** @description When the origin was registered, ISO 8601 */
                        createdAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["URITooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeClinicOrigin: {
        parameters: {
            query: {
                /** @description A web origin, e.g. https://www.example-clinic.fr */
                origin: string;
            };
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["URITooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headClinicOrigins: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clinicId: string;
                        origins: {
                            /** @description A web origin, e.g. https://www.example-clinic.fr */
                            origin: string;
                            /** @description When the origin was registered, ISO 8601 */
                            createdAt: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPriceSheet: {
        parameters: {
            query?: {
                /** @description An older version; default: the latest */
                version?: string;
            };
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceSheetVersion"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putPriceSheet: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version this change is based on */
                "if-match"?: string;
            };
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PriceSheetInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceSheetVersion"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceSheetVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["URITooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            428: components["responses"]["PreconditionRequired"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headPriceSheet: {
        parameters: {
            query?: {
                /** @description An older version; default: the latest */
                version?: string;
            };
            header?: never;
            path: {
                /** @description Clinic id, as returned by POST /v1/clinics */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceSheetVersion"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createQuote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getQuote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headQuote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    headHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalServerError"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ready"];
                };
            };
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ready"];
                };
            };
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A source id, as cited in `sources` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            /** @description Not modified: the data has not changed */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A source id, as cited in `sources` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            /** @description Not modified: the data has not changed */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProblemTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        problems: components["schemas"]["ProblemType"][];
                    };
                    "text/html": string;
                };
            };
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headProblemTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        problems: components["schemas"]["ProblemType"][];
                    };
                    "text/html": string;
                };
            };
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProblemType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemType"];
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    headProblemType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemType"];
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            414: components["responses"]["URITooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
