package dev.paperrec.paper;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A paper of the catalogue. Rows are written by {@link PaperRepository#upsert} and read through Hibernate. */
@Entity
@Table(name = "paper")
public class Paper {

    @Id
    public String id;

    public String title;

    @Column(name = "abstract")
    public String abstractText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> authors;

    @Column(name = "published_at")
    public LocalDate publishedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags;

    public String url;

    public long upvotes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public boolean isWithdrawn() {
        return withdrawnAt != null;
    }
}
