using MethodDays.Features.People;
using MethodDays.Platform.Storage;

namespace MethodDays.Features.Observations;

/// <summary>Stored rows → API views.</summary>
internal static class ProtocolViews
{
    public static ProtocolContent ContentOf(ProtocolEntity e) => StoredJson.Read<ProtocolContent>(e.Content) ?? ProtocolContent.Empty;

    public static ProtocolRevisionEntity RevisionOf(ProtocolEntity e, DateTimeOffset writtenAt, DateTimeOffset now, CurrentUser by, string reason) => new()
    {
        RowKey = Keys.Revision(e.LessonId, e.ObserverId, e.Revision),
        Number = e.Revision,
        TemplateVersion = e.TemplateVersion,
        Content = e.Content,
        WrittenAt = writtenAt,
        SavedAt = now,
        SavedById = by.PersonId,
        SavedByName = by.Member.DisplayName,
        Reason = reason,
    };

    /// <summary>The protocol as the API shows it; <c>noPhotos</c>: known to have none (just created with an empty photo list), not read.</summary>
    public static async Task<ProtocolView> ProtocolAsync(ObservationRequest r, LessonContext ctx, string observerId, ProtocolEntity? p, bool noPhotos = false)
    {
        var l = ctx.Lesson;
        var template = p is null ? await r.Templates.CurrentAsync(l.MunicipalityId, r.Ct) : null;
        IReadOnlyList<RevisionRef> revisions = [];
        IReadOnlyList<PhotoView> photos = [];
        if (p is not null)
        {
            // Revisions in the order they were written on the device, not the order they reached the server. They
            // start at release and each is written in one transaction with the protocol's Revision number, so a
            // protocol at 0 has none and is not asked for them.
            if (p.Revision > 0)
            {
                revisions = [.. (await r.Store.RevisionsAsync(l, observerId, r.Ct))
                    .Select(x => new RevisionRef(x.Number, x.WrittenAt, x.SavedAt, x.SavedByName, x.Reason))
                    .OrderBy(x => x.WrittenAt).ThenBy(x => x.Number)];
            }

            photos = noPhotos ? [] : [.. (await r.Store.PhotosAsync(l, observerId, r.Ct)).Photos
                .OrderBy(x => x.TakenAt).ThenBy(x => x.Id, StringComparer.Ordinal).Select(x => new PhotoView(x.Id, x.TakenAt, x.Bytes))];
        }

        var observerName = p?.ObserverName ?? (observerId == r.User.PersonId ? r.User.Member.DisplayName : observerId);
        return new ProtocolView(
            l.MunicipalityId, l.SchoolId, ctx.School.ShortName, l.VisitId, l.LessonId, ctx.LessonView,
            observerId, observerName, p?.TemplateVersion ?? template!.Version, p is not null,
            p is null ? ProtocolContent.Empty : ContentOf(p),
            p?.WrittenAt, p?.ReceivedAt, p?.Released ?? false, p?.ReleasedAt, p?.ReleasedByName, p?.Revision ?? 0,
            revisions, photos,
            new ProtocolPermissions(ctx.CanEdit(observerId), ctx.CanRelease && p is not null),
            p?.ETag.ToString());
    }
}
