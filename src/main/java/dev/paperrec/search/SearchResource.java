package dev.paperrec.search;

import dev.paperrec.common.api.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/papers/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Papers", description = "The paper catalogue")
public class SearchResource {

    private final SearchService service;

    SearchResource(SearchService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search papers by relevance", description = "BM25 over title, abstract, authors and tags. "
            + "Web-search syntax: words are all required, \"a phrase\", a OR b, -word; author:, tag:, title: and "
            + "abstract: restrict a word or phrase to one field. 400 names the parameter a query cannot take.")
    public SearchPage search(@Parameter(description = "The query", required = true) @QueryParam("q") String q,
                             @Parameter(description = "Published on or after, YYYY-MM-DD") @QueryParam("from") String from,
                             @Parameter(description = "Published on or before, YYYY-MM-DD") @QueryParam("to") String to,
                             @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("limit") String limit,
                             @Parameter(description = "Items to skip (default 0)") @QueryParam("offset") String offset) {
        return service.search(q, from, to, Paging.of(limit, offset, 20, 100));
    }
}
