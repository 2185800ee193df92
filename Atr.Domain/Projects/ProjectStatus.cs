namespace Atr.Domain.Projects;

public enum ProjectStatus
{
    Active,
    Dormant,
    Retired,
    Standing,
}
